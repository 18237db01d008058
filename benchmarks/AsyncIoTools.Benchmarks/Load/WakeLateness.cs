namespace AsyncIoTools.Benchmarks.Load;

/// <summary>
/// How late the load worker's timed waits end: the timer slack (50 µs unless the thread asks otherwise, and never for
/// a real-time thread) plus an idle CPU's wake-up (~60 µs on a VM whose guest does not halt-poll). The worker wakes
/// that much earlier for a send or an expected answer it means to poll for. Without it the polling window (100 µs) is
/// shorter than the wake-up: the worker wakes after the answer came, the answer's wake-up is counted as the server's
/// latency, the expected latency grows by as much, and the worker sleeps as late again the next time, for good (D =
/// 1 ms closed loop: p50 1.12 ms, where real-time threads, whose timers have no slack, measured 1.04 ms).
/// Smoothed over the last few waits; one wait's lateness counts at most <see cref="CapTicks"/>, so a thread that other
/// processes kept off the CPU for a while does not turn into one that polls all the time. Touched by the worker's
/// thread only.
/// </summary>
internal sealed class WakeLateness(long capTicks)
{
    // Each wait moves the estimate an eighth of the way: it follows a changed timer slack within a few dozen waits.
    private const int SmoothingShift = 3;

    private bool _observed;

    /// <summary>The most one wait's lateness counts, in ticks.</summary>
    public long CapTicks { get; } = capTicks;

    /// <summary>How late a timed wait typically ends, in ticks; 0 before the first.</summary>
    public long Ticks { get; private set; }

    /// <summary>Folds in one timed wait that ended <paramref name="lateTicks"/> after its deadline (negative: early, counted as 0).</summary>
    public void Observe(long lateTicks)
    {
        var late = Math.Clamp(lateTicks, 0, CapTicks);
        Ticks = _observed ? Ticks + ((late - Ticks) >> SmoothingShift) : late;
        _observed = true;
    }
}
