using System.Globalization;
using System.Net;
using System.Text.Json;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Cli.Tests;

public sealed class WorkersAndScenariosTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aiotools-cli-").FullName;

    [Fact]
    public async Task Serve_Workers_ShareOnePortAndAWorkerDyingStopsTheServer()
    {
        using var server = Aiotools.Start("serve", "--port", "0", "--loops", "1", "--workers", "2");
        var line = await server.StandardOutput.ReadLineAsync();
        var endPoint = IPEndPoint.Parse(line!["listening on ".Length..]);
        var workers = ProcessSnapshot.Descendants(server.Id);
        Assert.Equal(2, workers.Count);

        var load = await Aiotools.RunAsync("load", "--target", endPoint.ToString(), "--connections", "20", "--duration", "500ms", "--warmup", "0s", "--json");
        Assert.Equal(0, load.ExitCode);
        using (var document = JsonDocument.Parse(load.Output))
        {
            Assert.Equal(0, document.RootElement.GetProperty("summary")[0].GetProperty("errors").GetInt64());
        }

        var sockets = DiagnosticSockets.OfTree(server.Id);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", workers[1].ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await server.WaitForExitAsync(timeout.Token);
        sockets.Remove();
        var error = await server.StandardError.ReadToEndAsync();
        Assert.Equal((int)ExitCode.RunFailed, server.ExitCode);
        Assert.Contains("worker 2 of 2 exited", error, StringComparison.Ordinal);
        Assert.False(ProcessSnapshot.Descendants(server.Id).Any());
    }

    [Fact]
    public async Task Bench_BadScenarioFile_OneLineAndBadInput()
    {
        var path = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(path, "{ \"version\": 1, \"name\": \"bad\", \"connections\": -1 }");

        var run = await Aiotools.RunAsync("bench", "--scenario", path, "--out", _directory);

        Assert.Equal((int)ExitCode.BadInput, run.ExitCode);
        Assert.Equal($"aiotools: {path}: connections: must be 1 to 1,000,000 (got -1)", run.Error.Trim());
        Assert.Empty(Directory.GetFiles(_directory, "*-bad.json"));
    }

    [Fact]
    public async Task Bench_UnknownScenario_IsAUsageError()
    {
        var run = await Aiotools.RunAsync("bench", "--scenario", "c1m");

        Assert.Equal((int)ExitCode.Usage, run.ExitCode);
        Assert.Contains("unknown scenario 'c1m'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_LimitTooLow_StopsBeforeTheRunNamingTheLimit()
    {
        var path = Path.Combine(_directory, "big.json");
        await File.WriteAllTextAsync(path, "{ \"version\": 1, \"name\": \"big\", \"connections\": 50000, \"workers\": 1, \"loadProcesses\": 1, \"engines\": [\"epoll\"] }");

        var run = await Aiotools.RunAsync("bench", "--scenario", path, "--out", _directory);

        Assert.Equal((int)ExitCode.LimitTooLow, run.ExitCode);
        Assert.Contains("RLIMIT_NOFILE", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.False(run.HasStackTrace);
    }

    [Fact]
    public async Task Scenarios_ListsTheCatalogue()
    {
        var table = await Aiotools.RunAsync("scenarios");
        var json = await Aiotools.RunAsync("scenarios", "--json");

        Assert.Equal((0, 0), (table.ExitCode, json.ExitCode));
        Assert.Contains("c10k-idle", table.Output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Contains(document.RootElement.EnumerateArray(), s => s.GetProperty("name").GetString() == "file-64m" && s.GetProperty("cases").GetArrayLength() == 3);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
