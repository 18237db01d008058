using System.Globalization;
using AsyncIoTools.Processes;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Tests.Runner;

/// <summary>
/// Ctrl+C during <c>aiotools bench</c>, through the real binary: exit 130 as README's table says, the partial result
/// file (finished trials kept, the running one named) and no server or load process left behind.
/// </summary>
public sealed class BenchInterruptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aiotools-interrupt-").FullName;

    [Fact]
    public void Bench_InterruptedDuringTheSecondTrial_WritesThePartialResultAndExits130()
    {
        using var bench = Aiotools.Start(
            out _,
            out var error,
            "bench", "--engine", "epoll", "--connections", "200", "--trials", "5", "--duration", "1s", "--warmup", "0s",
            "--no-pin", "--out", _directory);
        // The progress line names the run by its label (engine:variant): "epoll:level: trial 2/5".
        Eventually.Until(() => Aiotools.Read(error), e => e.Contains(": trial 2/5", StringComparison.Ordinal) || bench.HasExited, "bench to start its second trial", TimeSpan.FromMinutes(1));
        Assert.False(bench.HasExited, $"bench ended before it was interrupted (exit {(bench.HasExited ? bench.ExitCode : 0)}): {Aiotools.Read(error)}");
        var children = ChildrenOf(bench.Id);
        Assert.NotEmpty(children); // the server, at least

        TestProcesses.Interrupt(bench);

        TestProcesses.AwaitExit(bench, TimeSpan.FromMinutes(1), "bench, interrupted,");
        Assert.True(bench.ExitCode == (int)ExitCode.Canceled, $"exit {bench.ExitCode}: {Aiotools.Read(error)}");
        var path = Assert.Single(Directory.GetFiles(_directory, "*.json"));
        Assert.Contains($"aiotools: canceled; the partial result is in {path}", Aiotools.Read(error), StringComparison.Ordinal);
        Assert.False(Aiotools.Read(error).Contains("   at ", StringComparison.Ordinal), Aiotools.Read(error));
        var run = Assert.Single(ResultFiles.Read(path).Runs);
        Assert.Equal(RunStatus.Canceled, run.Status);
        Assert.NotEmpty(run.Trials);
        Assert.Equal(run.Trials.Count + 1, run.CanceledTrial);
        Assert.All(run.Trials, t => Assert.True(t.Client.Requests > 0, "a finished trial keeps its figures"));
        Assert.All(children, child => Assert.False(Alive(child), $"process {child} ({Name(child)}) outlived the interrupted bench"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The processes whose parent is <paramref name="processId"/> (field 4 of /proc/PID/stat).</summary>
    private static List<int> ChildrenOf(int processId)
    {
        var children = new List<int>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && Stat(id) is { } stat)
            {
                if (ProcFile.StatFields(stat) is [_, var parent, ..] && parent == processId.ToString(CultureInfo.InvariantCulture))
                {
                    children.Add(id);
                }
            }
        }

        return children;
    }

    /// <summary>Running, or exited and not yet reaped by whoever adopted it (a zombie is gone for this purpose).</summary>
    private static bool Alive(int processId) => Stat(processId) is { } stat && ProcFile.StatFields(stat) is [var state, ..] && state is not ("Z" or "X");

    private static string Name(int processId) => File.Exists($"/proc/{processId}/comm") ? File.ReadAllText($"/proc/{processId}/comm").Trim() : "?";

    private static string? Stat(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
