using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>
/// How to start the NativeAOT host (benchmarks/AsyncIoTools.NativeHost) for a benchmark's children: a path to its
/// executable, or the folder publish-native.sh wrote it into. A missing host, or a JIT build found in its place,
/// stops the run before anything starts, saying how to publish one.
/// </summary>
public static class NativeHostLaunch
{
    /// <summary>The executable's name in a publish folder (the NativeHost project copies itself to it).</summary>
    public const string ExecutableName = "aiotools";

    public static ServerLaunch Locate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);

        // A path that names no file is taken for the folder to publish into, unless it names the executable itself.
        var folder = Directory.Exists(full) || (!File.Exists(full) && Path.GetFileName(full) != ExecutableName) ? full : Path.GetDirectoryName(full)!;
        var executable = folder == full ? Path.Combine(full, ExecutableName) : full;
        var publish = $"publish it with benchmarks/scripts/publish-native.sh {folder}";
        if (!File.Exists(executable))
        {
            throw new AsyncIoToolsException(FailureKind.BadInput, $"no native host at {path}: {publish}");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(executable) & UnixFileMode.UserExecute) == 0)
        {
            throw new AsyncIoToolsException(FailureKind.BadInput, $"the native host {executable} is not executable (chmod +x it, or {publish})");
        }

        // A JIT apphost runs its .dll beside it: that is the JIT build, whatever its folder is called.
        if (File.Exists(Path.ChangeExtension(executable, ".dll")))
        {
            throw new AsyncIoToolsException(FailureKind.BadInput, $"{executable} is a JIT build ({Path.GetFileName(executable)}.dll beside it), not the native host: {publish}");
        }

        return new ServerLaunch(executable, []);
    }
}
