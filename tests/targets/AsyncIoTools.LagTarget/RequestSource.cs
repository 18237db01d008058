using System.Diagnostics;

namespace AsyncIoTools.LagTarget;

/// <summary>
/// Where requests come from. At a fixed rate, a dedicated thread queues them to the pool as a socket engine
/// would (open loop: a stalled pool does not slow the arrivals). With a rate of 0, <c>Concurrency</c> callers
/// send one request after another (closed loop: the throughput is the figure, used for overhead).
/// </summary>
internal sealed class RequestSource(TargetSettings settings, OrderHandler handler)
{
    /// <summary>When each request was queued and when a pool thread took it up (open loop only).</summary>
    public DelayLog Delays { get; } = new();

    public void Start()
    {
        if (settings.RequestsPerSecond > 0)
        {
            var thread = new Thread(RunOpenLoop) { IsBackground = true, Name = "request-source" };
            thread.Start();
            return;
        }

        for (var i = 0; i < settings.Concurrency; i++)
        {
            _ = Task.Run(RunClosedLoopAsync);
        }
    }

    private void RunOpenLoop()
    {
        var started = Stopwatch.GetTimestamp();
        long sent = 0;
        while (true)
        {
            var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * settings.RequestsPerSecond);
            for (; sent < due; sent++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(
                    static state =>
                    {
                        state.Log.Record(state.QueuedAt, Stopwatch.GetTimestamp());
                        _ = state.Handler.HandleAsync();
                    },
                    (Handler: handler, Log: Delays, QueuedAt: Stopwatch.GetTimestamp()),
                    preferLocal: false);
            }

            Thread.Sleep(1);
        }
    }

    private async Task RunClosedLoopAsync()
    {
        while (true)
        {
            await handler.HandleAsync();
        }
    }
}
