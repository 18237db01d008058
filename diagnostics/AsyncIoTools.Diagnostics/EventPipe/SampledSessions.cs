using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace AsyncIoTools.Diagnostics.EventPipe;

/// <summary>
/// The sessions of a sampled run, one window at a time: each opened when <see cref="SessionSampling"/> says, its
/// events to <paramref name="onEvent"/>, and its opening and closing (on the monotonic clock) to the callbacks, the
/// closing after its last event. Keep anything that must run throughout (lag's counters) out of these sessions:
/// stopping the counters with every window makes the target rebuild their payloads each time, which cost more than
/// the events a window saves (issue 16); a session of per-item events alone starts and stops in a few milliseconds.
/// </summary>
public sealed class SampledSessions(
    DotNetTarget target,
    EventPipeProvider provider,
    int bufferMegabytes,
    SessionSampling sampling,
    Action<long> opened,
    Action<long> closed,
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
            var openedAt = MonotonicClock.Now;
            opened(openedAt);
            Volatile.Write(ref _open, capture);
            long events = 0;
            using var cut = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var end = CaptureEnd.Completed;
            try
            {
                // Followed throughout: end the window once it sees more than the budget, and sample from then on.
                // Judged soon after the start, then on each interval's rate, not the window's mean: a target idle for
                // an hour and busy from now must be sampled from now.
                var (seenEvents, seenAt) = (0L, openedAt);
                await using var watch = lengthNanos is null
                    ? new Timer(
                        _ =>
                        {
                            var (now, total) = (MonotonicClock.Now, Interlocked.Read(ref events));
                            CutIfOverBudget(cut, total - seenEvents, now - seenAt);
                            (seenEvents, seenAt) = (total, now);
                        },
                        null,
                        SessionSampling.FirstJudgement < sampling.Interval ? SessionSampling.FirstJudgement : sampling.Interval,
                        sampling.Interval)
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
                var closedAt = capture.StoppedAt > 0 ? capture.StoppedAt : MonotonicClock.Now;
                closed(closedAt);
                sampling.Observed(Interlocked.Read(ref events), closedAt - openedAt);
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
