using AsyncIoTools.Engines.Hosting;
using System.Diagnostics;

namespace AsyncIoTools.Cli.Tests;

/// <summary>Runs the real aiotools executable as a child process, as a user or a script would.</summary>
public static class AiTools
{
    public static Process Start(params string[] arguments)
    {
        var launch = ServerLaunch.Locate();
        var start = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in launch.PrefixArguments.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    public static async Task<CliRun> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await output, await error);
    }
}
