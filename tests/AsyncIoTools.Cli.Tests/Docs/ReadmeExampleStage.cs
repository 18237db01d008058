using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AsyncIoTools.Cli.Tests.Docs;

/// <summary>
/// What the README's shell examples assume, on this machine: a scratch folder holding the files they read (results/
/// and base/ with a result file; my-experiment.json beside the benches), aiotools on PATH as the built binary, two
/// running .NET targets and one under a name of its own, and a server for the load example. <see cref="Resize"/>
/// turns a line into the command run here, as the Pester suite does with the PowerShell examples: the README's
/// placeholders become these stand-ins, optional [parts] of a synopsis are left out, and durations, trials and rates
/// are made small.
/// </summary>
public sealed partial class ReadmeExampleStage : IDisposable
{
    private readonly List<TargetApp> _targets = [];
    private readonly string _name = string.Empty;
    private readonly Process? _server;
    private readonly string _serverTarget = string.Empty;

    public ReadmeExampleStage()
    {
        Work = Directory.CreateTempSubdirectory("aiotools-readme-").FullName;
        var bin = Directory.CreateDirectory(Path.Combine(Work, ".bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "aiotools"), Aiotools.BinaryPath);
        SearchPath = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        foreach (var folder in new[] { "results", "base" })
        {
            File.Copy(RepositoryLayout.Path("tests", "AsyncIoTools.Cli.Tests", "Fixtures", "bench.json"), Path.Combine(Directory.CreateDirectory(Path.Combine(Work, folder)).FullName, "fixture.json"));
        }

        // The benches write their results into results/ of their folder, which the report lines must find as the
        // fixture left it (a baseline gate fails on any other result), so they run in a folder of their own.
        Benches = Directory.CreateDirectory(Path.Combine(Work, "benches")).FullName;
        File.Copy(RepositoryLayout.Path("benchmarks", "scenarios", "nagle.json"), Path.Combine(Benches, "my-experiment.json"));
        try
        {
            _targets.Add(TargetApp.StartLagTarget("none"));
            _targets.Add(TargetApp.StartLagTarget("none"));
            _targets.Add(TargetApp.StartUniquelyNamedLagTarget("none", out _name));
            _server = Aiotools.Start("serve", "--port", "0", "--loops", "1");
            var listening = _server.StandardOutput.ReadLine() ?? string.Empty;
            Assert.True(listening.StartsWith("listening on ", StringComparison.Ordinal), $"the examples' server did not start: '{listening}'");
            _serverTarget = listening["listening on ".Length..];
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The folder the examples run in.</summary>
    public string Work { get; }

    /// <summary>The folder the bench lines run in.</summary>
    public string Benches { get; }

    /// <summary>PATH with the built aiotools first.</summary>
    public string SearchPath { get; }

    private string First => _targets[0].ProcessIdArgument;

    private string Second => _targets[1].ProcessIdArgument;

    /// <summary>The command run for a README line (its comment dropped).</summary>
    public string Resize(string line)
    {
        var command = ReadmeShellLines.WithoutComment(line);
        command = command.Replace("PID[,PID…]", First, StringComparison.Ordinal);
        command = Optional().Replace(command, string.Empty);
        command = Placeholder().Replace(command, First);
        command = command.Replace("4242,4343", $"{First},{Second}", StringComparison.Ordinal);
        command = command.Replace("--name MyService", $"--name {_name}", StringComparison.Ordinal);

        // Every test host of the run is a .NET process too: watching all of them would disturb their tests.
        command = Regex.Replace(command, @"--all(?=\s|$)", $"-p {First}");
        command = Regex.Replace(command, @"--metrics-port \d+", $"--metrics-port {LoopbackPorts.Free()}");
        command = command.Replace("-- dotnet app.dll", $"-- {RepositoryLayout.TargetBinary("AsyncIoTools.LagTarget")} --mode none", StringComparison.Ordinal);
        command = command.Replace("10.0.0.1:8080", _serverTarget, StringComparison.Ordinal);
        command = command.Replace("/tmp/aiotools.sock", Path.Combine(Work, "aiotools.sock"), StringComparison.Ordinal);

        command = Regex.Replace(command, @"(-d|--duration) \S+", "$1 1s");
        command = Regex.Replace(command, @"--trials \d+", "--trials 1");
        command = Regex.Replace(command, @"(-c|--connections) (\d+)", m => $"{m.Groups[1].Value} {Math.Min(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), 1000)}");
        command = Regex.Replace(command, @"--rate \d+", "--rate 2000");

        var verb = command.Split(' ')[1];
        var timed = verb is "lag" or "blocking" or "diagnose" or "watch" || command.Contains("--trace", StringComparison.Ordinal);
        var redirect = command.IndexOf(" > ", StringComparison.Ordinal);
        var (head, tail) = redirect < 0 ? (command, string.Empty) : (command[..redirect], command[redirect..]);
        var separator = head.IndexOf(" -- ", StringComparison.Ordinal);
        var (own, started) = separator < 0 ? (head, string.Empty) : (head[..separator], head[separator..]);
        if (timed && !Regex.IsMatch(own, @" (-d|--duration) "))
        {
            own += " -d 1s";
        }

        if (verb == "bench")
        {
            own += (own.Contains("--duration", StringComparison.Ordinal) ? string.Empty : " --duration 1s") + " --warmup 200ms" + (own.Contains("--trials", StringComparison.Ordinal) ? string.Empty : " --trials 1");
        }

        return own + started + tail;
    }

    /// <summary>The folder a command runs in: <see cref="Benches"/> for bench, <see cref="Work"/> for the others.</summary>
    public string FolderOf(string command) => command.StartsWith("aiotools bench ", StringComparison.Ordinal) ? Benches : Work;

    /// <summary>Starts a command in bash in its folder, with the built aiotools on PATH; its output is collected as it comes.</summary>
    public Process Start(string command, out StringBuilder output, out StringBuilder error)
    {
        var info = TestProcesses.StartInfo("bash", ["-c", command]);
        info.WorkingDirectory = FolderOf(command);
        info.Environment["PATH"] = SearchPath;
        return Aiotools.Start(info, out output, out error);
    }

    /// <summary>Runs a command to its end (see <see cref="Start"/>).</summary>
    public CommandResult Run(string command, TimeSpan timeout)
    {
        using var process = Start(command, out var output, out var error);
        TestProcesses.AwaitExit(process, timeout, command, error);
        return new CommandResult(process.ExitCode, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        if (_server is not null)
        {
            TestProcesses.Stop(_server);
        }

        _targets.ForEach(t => t.Dispose());
        Directory.Delete(Work, recursive: true);
    }

    [GeneratedRegex(@" \[[^\]]*\]")]
    private static partial Regex Optional();

    [GeneratedRegex(@"\bPID\b")]
    private static partial Regex Placeholder();
}
