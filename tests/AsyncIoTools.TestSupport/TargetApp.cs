using System.Diagnostics;
using System.Text.Json;

namespace AsyncIoTools.Tests.Support;

/// <summary>
/// A target app started as a child process: waits for its "ready" line, answers commands over stdin/stdout, and is
/// killed on dispose. The binaries are found in the repository's build output for the same configuration as the tests.
/// </summary>
public sealed class TargetApp : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly string? _ownFolder;

    private TargetApp(Process process, int processId, string? ownFolder)
    {
        _process = process;
        ProcessId = processId;
        _ownFolder = ownFolder;
    }

    public int ProcessId { get; }

    /// <summary>The process id as a command line gives it (<c>-p 1234</c>).</summary>
    public string ProcessIdArgument => ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the lag target in a mode (none, short-sleep, heavy-sleep, sync-over-async, stall).</summary>
    public static TargetApp StartLagTarget(string mode, IDictionary<string, string>? environment = null, params string[] extra) =>
        Start(TargetBinary("AsyncIoTools.LagTarget", "net10.0"), ["--mode", mode, .. extra], environment);

    /// <summary>
    /// Starts the lag target under a name no other process has (through a symlink to its apphost: the kernel names
    /// a process after the file it executed, and the apphost finds its assembly through /proc/self/exe), so that a
    /// lookup by name is unambiguous however many other lag targets run on the machine.
    /// </summary>
    public static TargetApp StartUniquelyNamedLagTarget(string mode, out string name)
    {
        name = $"lag-{Guid.NewGuid():N}"[..15];
        var folder = Directory.CreateTempSubdirectory("aiotools-target-").FullName;
        var link = Path.Combine(folder, name);
        File.CreateSymbolicLink(link, TargetBinary("AsyncIoTools.LagTarget", "net10.0"));
        try
        {
            return Start(link, ["--mode", mode], null, ownFolder: folder);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Starts a target through a wrapper command (unshare, a shell) that ends by exec'ing it.</summary>
    public static TargetApp StartVia(string wrapper, string[] arguments) => Start(wrapper, arguments, null);

    /// <summary>Starts the self-contained .NET 8 target.</summary>
    public static TargetApp StartOldRuntimeTarget() =>
        Start(TargetBinary("AsyncIoTools.OldRuntimeTarget", Path.Combine("net8.0", "linux-x64")), [], null);

    public static string TargetBinary(string project, string frameworkFolder) => RepositoryLayout.TargetBinary(project, frameworkFolder);

    /// <summary>Sends one command line and returns the one JSON line it answers.</summary>
    public JsonElement Ask(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
        var line = ReadLine(_process, ReadyTimeout) ?? throw new InvalidOperationException($"the target closed its output after '{command}'");
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    /// <summary>
    /// Returns once the target (in mode stall or hang) says every pool thread is blocked on its lock; fails with
    /// what it saw if it does not say so.
    /// </summary>
    public void WaitUntilHung()
    {
        var answer = Ask("hung");
        if (!answer.GetProperty("hung").GetBoolean())
        {
            throw new Xunit.Sdk.XunitException($"the target did not hang within its 30 s: {answer}");
        }
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Dispose()
    {
        TestProcesses.Stop(_process);
        if (_ownFolder is not null && Directory.Exists(_ownFolder))
        {
            Directory.Delete(_ownFolder, recursive: true);
        }
    }

    /// <param name="ownFolder">A folder made for this target alone, deleted with it.</param>
    private static TargetApp Start(string path, string[] arguments, IDictionary<string, string>? environment, string? ownFolder = null)
    {
        // Its errors are not redirected: nothing would read them, and a full pipe would stall the target.
        var info = new ProcessStartInfo(path, arguments) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        var line = ReadLine(process, ReadyTimeout);
        if (line is null)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(path)} did not say it was ready");
        }

        var ready = JsonDocument.Parse(line).RootElement;
        return new TargetApp(process, ready.GetProperty("pid").GetInt32(), ownFolder);
    }

    private static string? ReadLine(Process process, TimeSpan timeout)
    {
        var read = process.StandardOutput.ReadLineAsync();
        return read.Wait(timeout) ? read.Result : null;
    }
}
