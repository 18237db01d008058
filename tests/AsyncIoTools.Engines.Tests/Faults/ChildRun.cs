using System.Diagnostics;
using AsyncIoTools.Engines.Hosting;

namespace AsyncIoTools.Engines.Tests.Faults;

/// <summary>The real aiotools executable in a child process, as a user runs it, with its output gathered.</summary>
internal sealed class ChildRun : IDisposable
{
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    private ChildRun(Process process)
    {
        Process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    public Process Process { get; }

    public static ChildRun Start(params string[] arguments)
    {
        var launch = ServerLaunch.Locate();
        var start = new ProcessStartInfo(launch.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in launch.PrefixArguments.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return new ChildRun(Process.Start(start)!);
    }

    /// <summary>Waits for the exit; its code, stdout and stderr.</summary>
    public async Task<(int ExitCode, string Output, string Error)> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cancel.Token);
        return (Process.ExitCode, await _output, await _error);
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }
}
