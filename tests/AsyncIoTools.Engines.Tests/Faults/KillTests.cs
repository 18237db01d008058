using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Engines.Tests.Conformance;
using AsyncIoTools.Processes;
using AsyncIoTools.Results;

namespace AsyncIoTools.Engines.Tests.Faults;

/// <summary>
/// kill -9 on either side of a benchmark: a server killed mid-run fails its run in one line, and the result file,
/// written whole, says so; a load generator killed mid-run leaves the server serving everyone else.
/// </summary>
public sealed class KillTests : IDisposable
{
    private readonly string _results = Directory.CreateTempSubdirectory("aiotools-kill-").FullName;

    public static TheoryData<EngineCase> Engines => EngineCase.Defaults();

    [Fact]
    public async Task Bench_ServerKilledMidTrial_FailsTheRunInOneLine_AndTheResultFileSaysSo()
    {
        using var bench = ChildRun.Start("bench", "--engine", "epoll", "--connections", "20", "--duration", "60s", "--warmup", "0s", "--trials", "1", "--no-pin", "--out", _results);
        var server = await FindChildAsync(bench.Process.Id, "serve");
        // Into the trial: the load's 20 connections have reached the server (a fixed wait could still be in its start
        // on a busy machine, and the run would then fail for another reason).
        await Eventually.UntilAsync(() => SocketCount(server), sockets => sockets > 20, "the load's 20 connections to reach the server", TimeSpan.FromSeconds(30));

        var sockets = DiagnosticSockets.OfTree(server);
        using (var victim = System.Diagnostics.Process.GetProcessById(server))
        {
            victim.Kill(); // SIGKILL: no chance to say goodbye.
            await victim.WaitForExitAsync();
        }

        sockets.Remove();

        // Long before the 60 s trial would have ended: the runner watches the server, not only the load.
        var (exitCode, output, error) = await bench.WaitAsync(TimeSpan.FromSeconds(45));
        Assert.True(exitCode == 1, $"exit code {exitCode}, expected 1; it said:\n{output}{error}");
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
        Assert.Contains($"the server (process {server}) exited during the run (killed by signal 9)", output, StringComparison.Ordinal);
        var result = ResultFiles.Read(Assert.Single(Directory.GetFiles(_results, "*.json")));
        var run = Assert.Single(result.Runs);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("killed by signal 9", run.Reason, StringComparison.Ordinal);
        Assert.Null(run.Summary);
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task LoadGeneratorKilledMidRun_TheServerGoesOnServingOthers(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        var before = await server.CountersAsync();
        using (var load = ChildRun.Start("load", "--target", server.EndPoint.ToString(), "--connections", "100", "--duration", "60s", "--threads", "1"))
        {
            var counters = await server.CountersWhenAsync(c => c.ConnectionsAccepted - before.ConnectionsAccepted >= 100 && c.Requests - before.Requests > 1000);
            Assert.True(counters.Requests - before.Requests > 1000, $"the load did not get going: {counters.Requests - before.Requests} requests");
            var sockets = DiagnosticSockets.OfTree(load.Process.Id);
            load.Process.Kill();
            await load.Process.WaitForExitAsync();
            sockets.Remove();
        }

        using var client = server.Connect();
        client.Send(RawClient.Get());
        Assert.Equal(200, client.ReadResponse().Status);
        var after = await server.CountersWhenAsync(c => c.ConnectionsClosed == c.ConnectionsAccepted - 1);
        Assert.Equal(after.ConnectionsAccepted - 1, after.ConnectionsClosed);
    }

    public void Dispose() => Directory.Delete(_results, recursive: true);

    /// <summary>The process id of the first descendant of <paramref name="parent"/> whose command line has <paramref name="word"/>.</summary>
    /// <summary>The sockets a process holds (its listeners and the connections it accepted); 0 once it is gone.</summary>
    private static int SocketCount(int process)
    {
        try
        {
            return Directory.EnumerateFiles($"/proc/{process}/fd").Count(descriptor => new FileInfo(descriptor).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true);
        }
        catch (IOException)
        {
            return 0; // A descriptor closed between the listing and the read, or the process is gone.
        }
    }

    private static async Task<int> FindChildAsync(int parent, string word)
    {
        for (var i = 0; i < 300; i++)
        {
            foreach (var child in ProcessSnapshot.Descendants(parent))
            {
                var commandLine = await File.ReadAllTextAsync($"/proc/{child}/cmdline").ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : string.Empty, TaskScheduler.Default);
                if (commandLine.Split('\0').Contains(word))
                {
                    return child;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no '{word}' process under {parent}");
    }

}
