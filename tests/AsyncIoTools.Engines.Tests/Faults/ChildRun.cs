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
        return new ChildRun(Process.Start(TestProcesses.StartInfo(launch.FileName, launch.PrefixArguments.Concat(arguments)))!);
    }

    /// <summary>Waits for the exit; its code, stdout and stderr.</summary>
    public async Task<(int ExitCode, string Output, string Error)> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cancel.Token);
        return (Process.ExitCode, await _output, await _error);
    }

    public void Dispose() => TestProcesses.Stop(Process);
}
