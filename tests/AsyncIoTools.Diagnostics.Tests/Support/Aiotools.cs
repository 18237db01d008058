using System.Diagnostics;
using System.Text;

namespace AsyncIoTools.Diagnostics.Tests.Support;

/// <summary>Runs the built aiotools binary as a separate process (optionally as another user) and collects its output.</summary>
public static class Aiotools
{
    public static string BinaryPath
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var path = Path.Combine(TargetApp.RepositoryRoot(), "cli", "AsyncIoTools.Cli", "bin", configuration, "net10.0", "aiotools");
            return File.Exists(path) ? path : throw new FileNotFoundException($"build the solution first: {path} is missing", path);
        }
    }

    public static bool IsRoot => Environment.UserName == "root";

    public static CommandResult Run(params string[] arguments) => Run(null, arguments);

    /// <summary>Runs aiotools; with <paramref name="uid"/>, as that user through setpriv (needs root).</summary>
    public static CommandResult Run(int? uid, params string[] arguments)
    {
        var info = uid is { } id
            ? new ProcessStartInfo("setpriv") { ArgumentList = { $"--reuid={id}", $"--regid={id}", "--clear-groups", "--", BinaryPath } }
            : new ProcessStartInfo(BinaryPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.Environment["HOME"] = Path.GetTempPath();
        using var process = Start(info, out var output, out var error);
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"aiotools {string.Join(' ', arguments)} did not finish");
        }

        process.WaitForExit();
        return new CommandResult(process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>Starts aiotools and returns it running, with its output collected as it comes.</summary>
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
