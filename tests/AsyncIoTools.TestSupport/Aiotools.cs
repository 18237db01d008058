using System.Diagnostics;
using System.Text;

namespace AsyncIoTools.Tests.Support;

/// <summary>Runs the built aiotools executable as a separate process, as a user or a script would, and collects its output.</summary>
public static class Aiotools
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    public static string BinaryPath => RepositoryLayout.AiotoolsBinary;

    public static bool IsRoot => Platform.IsRoot;

    /// <summary>The start information for a run of aiotools with its output and input redirected.</summary>
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var info = TestProcesses.StartInfo(BinaryPath, arguments);
        info.RedirectStandardInput = true;
        return info;
    }

    /// <summary>Starts aiotools and returns it running; the caller reads its streams.</summary>
    public static Process Start(params string[] arguments) => Process.Start(StartInfo(arguments))!;

    public static CommandResult Run(params string[] arguments) => Run(null, arguments);

    /// <summary>Runs aiotools to its end; with <paramref name="uid"/>, as that user through setpriv (needs root).</summary>
    public static CommandResult Run(int? uid, params string[] arguments)
    {
        var info = uid is { } id
            ? TestProcesses.StartInfo("setpriv", [$"--reuid={id}", $"--regid={id}", "--clear-groups", "--", BinaryPath, .. arguments])
            : TestProcesses.StartInfo(BinaryPath, arguments);
        info.Environment["HOME"] = System.IO.Path.GetTempPath();
        using var process = Start(info, out var output, out var error);
        if (!process.WaitForExit(RunTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"aiotools {string.Join(' ', arguments)} did not finish in {RunTimeout.TotalMinutes} minutes");
        }

        process.WaitForExit();
        return new CommandResult(process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs aiotools to its end without blocking a thread.</summary>
    public static async Task<CommandResult> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"aiotools {string.Join(' ', arguments)} did not finish in {RunTimeout.TotalMinutes} minutes");
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts aiotools and returns it running, with its output collected as it comes; its input stays the test
    /// host's, as a command started from a shell has it (a long run that a test stops, waits for, or interrupts).
    /// </summary>
    public static Process Start(out StringBuilder output, out StringBuilder error, params string[] arguments) =>
        Start(TestProcesses.StartInfo(BinaryPath, arguments), out output, out error);

    /// <summary>What a process started by <see cref="Start(ProcessStartInfo, out StringBuilder, out StringBuilder)"/> has written so far.</summary>
    public static string Read(StringBuilder collected)
    {
        ArgumentNullException.ThrowIfNull(collected);
        lock (collected)
        {
            return collected.ToString();
        }
    }

    /// <summary>Starts a process and returns it running, with its output collected as it comes.</summary>
    public static Process Start(ProcessStartInfo info, out StringBuilder output, out StringBuilder error)
    {
        ArgumentNullException.ThrowIfNull(info);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            lock (stdout)
            {
                stdout.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = stdout;
        error = stderr;
        return process;
    }
}
