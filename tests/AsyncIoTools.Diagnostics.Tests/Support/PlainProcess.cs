using System.Diagnostics;

namespace AsyncIoTools.Diagnostics.Tests.Support;

/// <summary>A process that is not .NET (coreutils' sleep), for the not-a-.NET-process cases.</summary>
public sealed class PlainProcess : IDisposable
{
    private readonly Process _process;

    private PlainProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    /// <summary>The process id as a command line gives it (<c>-p 1234</c>).</summary>
    public string ProcessIdArgument => ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static PlainProcess Sleep() => new(Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!);

    /// <summary>
    /// A sleep whose child (a shell) has exited unreaped, a zombie, until this is disposed: the shell starts the
    /// child, prints its id and becomes the sleep, which never waits for children. The child ends only once its
    /// parent is the sleep: a shell reaps a child that ends before it has run its next command.
    /// </summary>
    public static PlainProcess WithZombieChild(out int zombieId)
    {
        const string child = "until [ \"$(cat /proc/$PPID/comm)\" = sleep ]; do sleep 0.01; done";
        var process = Process.Start(new ProcessStartInfo("sh", ["-c", $"sh -c '{child}' & echo $!; exec sleep 120"]) { UseShellExecute = false, RedirectStandardOutput = true })!;
        zombieId = int.Parse(process.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
        return new PlainProcess(process);
    }

    public void Dispose() => TestProcesses.Stop(_process);
}
