using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>
/// The work-item sessions of a sampled lag run, one at a time beside the session that carries the counters: each
/// opened when <see cref="ItemSampling"/> says, its events to the recorder, and told to it as a window. Stopping the
/// counters with every window would make the target rebuild its counter payloads each time, which cost more than the
/// events a window saves (issue 16); a work-item session alone starts and stops in a few milliseconds.
/// </summary>
internal sealed class ItemWindows(
    DotNetTarget target,
    EventPipeProvider provider,
    int bufferMegabytes,
    ItemSampling sampling,
    TimeSpan interval,
    LagRecorder recorder,
    Action<TraceEvent> onEvent)
{
    private long _lostInClosed;
    private TraceCapture? _open;

    /// <summary>Events the runtime dropped in every window so far.</summary>
    public long EventsLost => Volatile.Read(ref _lostInClosed) + (Volatile.Read(ref _open)?.EventsLost ?? 0);

    /// <summary>Opens and closes windows until <paramref name="stop"/> fires or the target goes away.</summary>
    public async Task<CaptureEnd> RunAsync(CancellationToken stop)
    {
        while (true)
        {
            var (opensAt, length) = sampling.Next(MonotonicClock.Now);
            var wait = opensAt - MonotonicClock.Now;
            if (wait > 0 && !await DelayAsync(wait, stop))
            {
                return CaptureEnd.Canceled;
            }

            if (stop.IsCancellationRequested)
            {
                return CaptureEnd.Canceled;
            }

            var end = await FollowAsync(length, stop);
            if (end == CaptureEnd.TargetExited || stop.IsCancellationRequested)
            {
                return end;
            }
        }
    }

    private async Task<CaptureEnd> FollowAsync(long? lengthNanos, CancellationToken stop)
    {
        TraceCapture capture;
        try
        {
            capture = TraceCapture.Start(target, [provider], requestRundown: false, requestStacks: false, bufferMegabytes);
        }
        catch (AsyncIoToolsException e) when (e.Kind == FailureKind.TargetExited || ProcFs.State(target.ProcessId) is null or 'Z' or 'X')
        {
            // Gone between two windows: the counters' session sees the same end.
            return CaptureEnd.TargetExited;
        }

        using (capture)
        {
            var opened = MonotonicClock.Now;
            recorder.OpenWindow(opened);
            Volatile.Write(ref _open, capture);
            long events = 0;
            using var cut = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var end = CaptureEnd.Completed;
            try
            {
                // Followed throughout: end the window once it sees more than the budget, and sample from then on.
                await using var watch = lengthNanos is null
                    ? new Timer(_ => CutIfOverBudget(cut, Interlocked.Read(ref events), MonotonicClock.Now - opened), null, interval, interval)
                    : null;
                end = await capture.ParseAsync(
                    e =>
                    {
                        Interlocked.Increment(ref events);
                        onEvent(e);
                    },
                    null,
                    lengthNanos is { } nanos ? TimeSpan.FromTicks(nanos / 100) : null,
                    cut.Token);
            }
            finally
            {
                var closed = capture.StoppedAt > 0 ? capture.StoppedAt : MonotonicClock.Now;
                recorder.CloseWindow(closed);
                sampling.Observed(Interlocked.Read(ref events), closed - opened);
                Interlocked.Add(ref _lostInClosed, capture.EventsLost);
                Volatile.Write(ref _open, null);
            }

            return end == CaptureEnd.Canceled && !stop.IsCancellationRequested ? CaptureEnd.Completed : end;
        }
    }

    private void CutIfOverBudget(CancellationTokenSource cut, long events, long nanos)
    {
        if (sampling.OverBudget(events, nanos))
        {
            try
            {
                cut.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The window had closed already.
            }
        }
    }

    private static async Task<bool> DelayAsync(long nanos, CancellationToken stop)
    {
        try
        {
            await Task.Delay(TimeSpan.FromTicks(nanos / 100), stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
