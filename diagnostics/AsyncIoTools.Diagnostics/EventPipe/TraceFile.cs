using AsyncIoTools.Failures;

namespace AsyncIoTools.Diagnostics.EventPipe;

/// <summary>
/// A .nettrace file being written: bytes go to a hidden temporary file beside the target path, which takes its
/// name only when the capture ends, and an existing file is never replaced (the same rule as AtomicFile).
/// </summary>
internal sealed class TraceFile : IDisposable
{
    private readonly string _temporary;
    private bool _committed;

    private TraceFile(string path, string temporary, FileStream stream)
    {
        Path = path;
        _temporary = temporary;
        Stream = stream;
    }

    public string Path { get; }

    public FileStream Stream { get; }

    public static TraceFile Create(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"{path} already exists; aiotools never overwrites a trace");
        }

        var directory = System.IO.Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(directory);
            var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            return new TraceFile(full, temporary, new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 16));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"cannot write {path}: {e.Message}", e);
        }
    }

    /// <summary>Flushes and gives the file its final name.</summary>
    public void Commit()
    {
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(_temporary, Path, overwrite: false);
        _committed = true;
    }

    public void Dispose()
    {
        Stream.Dispose();
        if (!_committed && File.Exists(_temporary))
        {
            File.Delete(_temporary);
        }
    }
}
