using System.Text.Json;
using System.Text.RegularExpressions;

namespace AsyncIoTools.Cli.Tests.Docs;

/// <summary>
/// Every aiotools line of the README's shell blocks, run through bash as a reader would run it, resized by
/// <see cref="ReadmeExampleStage"/>: it must end with exit 0 (or a finding's 21), no stack trace, and the files it
/// names as output written.
/// Alone in its collection: the bench lines load both cores.
/// </summary>
[Collection(nameof(WholeMachine))]
public sealed partial class ReadmeExamplesRunTests(ReadmeExampleStage stage) : IClassFixture<ReadmeExampleStage>
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromMinutes(4);

    public static TheoryData<string> ReadmeLines() => new(ReadmeShellLines.All());

    [Theory]
    [MemberData(nameof(ReadmeLines))]
    public void ReadmeLine_Runs(string line)
    {
        foreach (var needed in Inputs(line).Where(f => !File.Exists(Path.Combine(stage.Work, f))))
        {
            MakeByTheReadme(needed);
        }

        var command = stage.Resize(line);
        var folder = stage.FolderOf(command);
        var outputs = OutputFile().Matches(command).Select(m => Path.Combine(folder, m.Groups[2].Value)).ToList();

        // Two lines write report.md: a file left by the other must not pass for this one's.
        outputs.ForEach(File.Delete);

        var result = command.Contains("--diagnostic-port ", StringComparison.Ordinal) ? RunListening(line, command) : stage.Run(command, LineTimeout);

        // diagnose and watch report what they found in their exit code: 21 is a lagging target or an incident, which
        // the idle target shows when the host is busy (CI saw p99 14 ms), not a failure of the example.
        var verdicts = command.StartsWith("aiotools diagnose ", StringComparison.Ordinal) || command.StartsWith("aiotools watch ", StringComparison.Ordinal) ? new[] { 0, 21 } : [0];
        Assert.True(verdicts.Contains(result.ExitCode), $"{command}\n{result}");
        Assert.False(result.HasStackTrace, $"{command}\n{result}");
        foreach (var path in outputs)
        {
            Assert.True(File.Exists(path) && new FileInfo(path).Length > 0, $"{command} wrote no {Path.GetFileName(path)}\n{result}");
            if (path.EndsWith(".json", StringComparison.Ordinal))
            {
                using var _ = JsonDocument.Parse(File.ReadAllText(path));
            }
        }

        if (command.StartsWith("aiotools bench", StringComparison.Ordinal))
        {
            var resultFile = ResultLine().Match(result.Output);
            Assert.True(resultFile.Success && File.Exists(Path.Combine(folder, resultFile.Groups[1].Value)), $"{command} named no result file it wrote\n{result}");
        }
    }

    [Fact]
    public void Resize_KeepsTheCommandAndItsOptions_MakesItSmall()
    {
        var lag = stage.Resize("aiotools lag -p PID [--name NAME] [-d 10s] [--json]  # comment");
        Assert.Matches(@"^aiotools lag -p \d+ -d 1s$", lag);
        var bench = stage.Resize("aiotools bench --scenario c10k --engine epoll,poll --trials 5 --duration 10s   # flags override the file");
        Assert.Equal("aiotools bench --scenario c10k --engine epoll,poll --trials 1 --duration 1s --warmup 200ms", bench);
        var started = stage.Resize("aiotools blocking -d 10s -- dotnet app.dll");
        Assert.Matches(@"^aiotools blocking -d 1s -- \S+AsyncIoTools\.LagTarget --mode none$", started);
        var load = stage.Resize("aiotools load -t 10.0.0.1:8080 -c 500 --rate 20000 -d 30s --json > host-a.json");
        Assert.Matches(@"^aiotools load -t 127\.0\.0\.1:\d+ -c 500 --rate 2000 -d 1s --json > host-a\.json$", load);
    }

    /// <summary>
    /// Starts a line that listens on a diagnostic port, then, once the socket is there, the app its comment says to
    /// start against it (DOTNET_DiagnosticPorts=…, which must name the same socket).
    /// </summary>
    private CommandResult RunListening(string line, string command)
    {
        var named = Regex.Match(line, @"--diagnostic-port (\S+).*DOTNET_DiagnosticPorts=(\S+)");
        Assert.True(named.Success && named.Groups[1].Value == named.Groups[2].Value, $"the README's app is not told the socket aiotools listens on: {line}");
        var socket = Regex.Match(command, @"--diagnostic-port (\S+)").Groups[1].Value;
        using var listening = stage.Start(command, out var output, out var error);
        try
        {
            Eventually.UntilAsync(() => File.Exists(socket) || listening.HasExited, $"{command} to listen on {socket}", TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        }
        catch
        {
            listening.Kill(entireProcessTree: true);
            throw;
        }

        if (File.Exists(socket))
        {
            using var app = TargetApp.StartLagTarget("none", new Dictionary<string, string> { ["DOTNET_DiagnosticPorts"] = socket });
            TestProcesses.AwaitExit(listening, LineTimeout, command, error);
        }

        listening.WaitForExit();
        return new CommandResult(listening.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>An input file a line names that a line of the README writes (host-a.json: "on each load host").</summary>
    private void MakeByTheReadme(string file)
    {
        var maker = ReadmeShellLines.All().Single(l => l.StartsWith("aiotools load ", StringComparison.Ordinal) && l.Contains(" > ", StringComparison.Ordinal));
        var command = Regex.Replace(stage.Resize(maker), @" > \S+$", $" > {file}");
        var result = stage.Run(command, LineTimeout);
        Assert.True(result.ExitCode == 0, $"{command}\n{result}");
    }

    private static IEnumerable<string> Inputs(string line) =>
        line.StartsWith("aiotools report ", StringComparison.Ordinal) ? HostFile().Matches(ReadmeShellLines.WithoutComment(line)).Select(m => m.Value) : [];

    [GeneratedRegex(@"\bhost-[a-z]\.json\b")]
    private static partial Regex HostFile();

    [GeneratedRegex(@"(--out|--hlog|>) (\S+)")]
    private static partial Regex OutputFile();

    [GeneratedRegex(@"^result: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex ResultLine();
}
