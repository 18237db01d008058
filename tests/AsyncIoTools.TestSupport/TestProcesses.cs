using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Sdk;

namespace AsyncIoTools.Tests.Support;

/// <summary>Ending the processes a test started: what every helper that owns a child process does on dispose.</summary>
public static class TestProcesses
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How a test starts a child: the arguments as they are (no shell), its output and errors redirected for the test to read.</summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments) =>
        new(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };

    /// <summary>
    /// Kills the process and whatever it started in turn (unless it has exited), waits for it, removes the diagnostic
    /// sockets the killed .NET processes leave behind, and releases it.
    /// </summary>
    public static void Stop(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited)
            {
                var sockets = OperatingSystem.IsLinux() ? DiagnosticSockets.OfTree(process.Id) : null;
                process.Kill(entireProcessTree: true);
                process.WaitForExit(ExitTimeout);
                sockets?.Remove();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    /// <summary>
    /// Waits for a process the test let run (or interrupted) to end. On timeout it is killed, so that it does not
    /// outlive the test, and the test fails naming <paramref name="what"/> and what it wrote to <paramref name="error"/>.
    /// The second, untimed wait lets the asynchronous readers of its output take its last lines.
    /// </summary>
    public static void AwaitExit(Process process, TimeSpan timeout, string what, StringBuilder? error = null)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new XunitException($"{what} did not end within {timeout.TotalSeconds:0} s{(error is null ? string.Empty : ": " + error)}");
        }

        process.WaitForExit();
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal would, through kill(1) (the test host must not signal itself).</summary>
    public static void Interrupt(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        Signal("INT", process.Id);
    }

    /// <summary>Sends SIGSTOP through kill(1): the process does nothing more until it is killed or continued.</summary>
    public static void Freeze(int processId)
    {
        if (Signal("STOP", processId) is var exitCode and not 0)
        {
            throw new XunitException($"kill -STOP {processId} exited with code {exitCode}");
        }
    }

    /// <summary>kill -NAME PID; kill(1)'s exit code.</summary>
    private static int Signal(string name, int processId)
    {
        using var kill = Process.Start("kill", ["-" + name, processId.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
