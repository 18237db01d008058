using AsyncIoTools.PowerShell.Hosting;

namespace AsyncIoTools.PowerShell.Tests.Behaviour;

/// <summary>What the cmdlets rely on to write from the pipeline thread only: posted work runs on the waiting thread, in order, all of it.</summary>
public sealed class PipelineDispatcherTests
{
    [Fact]
    public void Reports_RunOnTheWaitingThread_InOrder_BeforeTheWaitEnds()
    {
        using var dispatcher = new PipelineDispatcher();
        var waiting = Environment.CurrentManagedThreadId;
        var seen = new List<(int Value, int Thread)>();
        var progress = dispatcher.Progress<int>(v => seen.Add((v, Environment.CurrentManagedThreadId)));
        var work = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                progress.Report(i);
                if (i % 50 == 0)
                {
                    await Task.Yield();
                }
            }
        });
        dispatcher.RunUntil(work, TimeSpan.FromMilliseconds(50));
        Assert.Equal(Enumerable.Range(0, 200), seen.Select(s => s.Value));
        Assert.All(seen, s => Assert.Equal(waiting, s.Thread));
    }

    [Fact]
    public void IdleCallback_RunsOnTheWaitingThread_WhileWorkIsQuiet()
    {
        using var dispatcher = new PipelineDispatcher();
        var waiting = Environment.CurrentManagedThreadId;
        var ticks = new List<int>();
        using var release = new ManualResetEventSlim();
        var work = Task.Run(() => release.Wait(TimeSpan.FromSeconds(30)));
        dispatcher.RunUntil(work, TimeSpan.FromMilliseconds(10), () =>
        {
            ticks.Add(Environment.CurrentManagedThreadId);
            if (ticks.Count == 3)
            {
                release.Set();
            }
        });
        Assert.True(ticks.Count >= 3);
        Assert.All(ticks, t => Assert.Equal(waiting, t));
    }

    [Fact]
    public void AFailingWrite_EndsTheWait_WithItsException()
    {
        using var dispatcher = new PipelineDispatcher();
        using var stop = new CancellationTokenSource();
        var work = Task.Run(async () =>
        {
            dispatcher.Post(() => throw new InvalidOperationException("downstream stopped"));
            await Task.Delay(Timeout.Infinite, stop.Token);
        });
        Assert.Throws<InvalidOperationException>(() => dispatcher.RunUntil(work, TimeSpan.FromMilliseconds(50)));
        stop.Cancel();
    }

    [Fact]
    public void APostAfterTheWorkEnded_IsDropped()
    {
        using var dispatcher = new PipelineDispatcher();
        dispatcher.RunUntil(Task.CompletedTask, TimeSpan.FromMilliseconds(10));
        var ran = false;
        dispatcher.Post(() => ran = true);
        Assert.False(ran);
    }
}
