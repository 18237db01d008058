using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>A temporary folder holding the file a file scenario serves (seeded random bytes), deleted afterwards.</summary>
public sealed class FileWorkloadFolder : IDisposable
{
    public const string FileName = "file.bin";

    private FileWorkloadFolder(string path) => Path = path;

    public string Path { get; }

    public static FileWorkloadFolder Create(FileWorkload workload, int seed)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var folder = Directory.CreateTempSubdirectory("aiotools-files-").FullName;
        var random = new Random(seed);
        var chunk = new byte[1 << 20];
        using (var file = new FileStream(System.IO.Path.Combine(folder, FileName), FileMode.CreateNew, FileAccess.Write))
        {
            for (var left = workload.SizeBytes; left > 0; left -= chunk.Length)
            {
                random.NextBytes(chunk);
                file.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
            }

            // On disk before the first trial: 64 MiB of dirty pages would otherwise be written back ~30 s later
            // (dirty_expire_centisecs), in the middle of some trial and not of the others.
            file.Flush(flushToDisk: true);
        }

        return new FileWorkloadFolder(folder);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
