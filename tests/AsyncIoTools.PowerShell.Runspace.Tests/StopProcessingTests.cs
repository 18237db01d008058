using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace AsyncIoTools.PowerShell.Runspace.Tests;

/// <summary>
/// Ctrl+C is PowerShell stopping the pipeline (StopProcessing): a benchmark in the middle of a 30 s trial stops,
/// with its server, leaves no aiotools process behind (counted before, during and after) and writes the partial
/// result, as aiotools bench does.
/// </summary>
public sealed class StopProcessingTests(ModuleSession session, ITestOutputHelper output) : IClassFixture<ModuleSession>
{
    [Fact]
    public void Stop_InTheMiddleOfABenchmark_EndsItAndItsServer()
    {
        var before = ChildProcesses.Aiotools();
        var results = Directory.CreateTempSubdirectory("aiotools-stop-").FullName;
        using var shell = session.Shell($"Invoke-C10kBenchmark -Engine epoll -Connections 200 -Duration 30s -Warmup 0 -Trials 1 -OutputPath '{results}'");
        using var measuring = new ManualResetEventSlim();
        shell.Streams.Progress.DataAdded += (_, e) =>
        {
            if (((PSDataCollection<ProgressRecord>)shell.Streams.Progress)[e.Index].StatusDescription.Contains("trial 1/1", StringComparison.Ordinal))
            {
                measuring.Set();
            }
        };
        var running = shell.BeginInvoke();
        Assert.True(measuring.Wait(TimeSpan.FromSeconds(60)), "the benchmark never reached its trial");
        var during = ChildProcesses.Aiotools().Except(before).ToList();
        Assert.NotEmpty(during);

        var clock = Stopwatch.StartNew();
        shell.Stop();
        clock.Stop();
        Assert.True(running.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        output.WriteLine($"stopped in {clock.ElapsedMilliseconds} ms; aiotools processes during the run: {string.Join(", ", during)}");

        // A hang guard, not a speed figure: the trial alone would have taken 30 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"Stop took {clock.Elapsed}");
        Assert.Equal(before, ChildProcesses.Aiotools());

        try
        {
            using var result = JsonDocument.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(results, "*.json"))));
            var run = Assert.Single(result.RootElement.GetProperty("runs").EnumerateArray());
            Assert.Equal("Canceled", run.GetProperty("status").GetString());
            Assert.Equal(1, run.GetProperty("canceledTrial").GetInt32());
            Assert.Equal(0, run.GetProperty("trials").GetArrayLength());
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }
}
