using System.Diagnostics;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>
/// The load worker's arithmetic of time, pure so it can be tested alone: when each connection's first request of
/// a constant-rate schedule is due, how long a failed connect waits before the next try, and how long a wait may
/// block before a send falls due. Ticks are <see cref="Stopwatch"/> ticks.
/// </summary>
internal static class RequestSchedule
{
    /// <summary>Gaps between one connection's requests at <paramref name="ratePerConnection"/> requests a second; 0 for a closed loop.</summary>
    public static long IntervalTicks(double ratePerConnection) =>
        ratePerConnection > 0 ? (long)(Stopwatch.Frequency / ratePerConnection) : 0;

    /// <summary>
    /// When the connection at <paramref name="position"/> of <paramref name="activeCount"/> sends first: the first
    /// requests are spread over one interval so the connections do not fire together (all at the start in a closed loop).
    /// </summary>
    public static long FirstDueTicks(long startTicks, long intervalTicks, int position, int activeCount) =>
        startTicks + (intervalTicks * position / Math.Max(1, activeCount));

    /// <summary>
    /// A connection the server closed (or broke) this soon after its connect, before answering anything on it, was
    /// refused: a server at its connection limit accepts and closes at once. Reopening it at once would spin the
    /// load's thread against the server, so it is reopened after <see cref="ConnectRetryDelayTicks"/> instead.
    /// </summary>
    public const double AtOnceSeconds = 0.1;

    /// <summary>True if a connection open for <paramref name="openTicks"/> that got <paramref name="answered"/> answers was refused (<see cref="AtOnceSeconds"/>).</summary>
    public static bool ClosedAtOnce(long openTicks, int answered) =>
        answered == 0 && openTicks < (long)(AtOnceSeconds * Stopwatch.Frequency);

    /// <summary>Back-off after the <paramref name="failures"/>th failed connect, or refusal in a row: 20 ms, 40 ms … up to 1 s.</summary>
    public static long ConnectRetryDelayTicks(int failures) =>
        Math.Min(1000, 10 << Math.Clamp(failures, 0, 7)) * Stopwatch.Frequency / 1000;

    /// <summary><see cref="ConnectRetryDelayTicks"/> as a time span, for messages.</summary>
    public static TimeSpan ConnectRetryDelay(int failures) => Stopwatch.GetElapsedTime(0, ConnectRetryDelayTicks(failures));

    /// <summary>
    /// How long the worker's wait may block at <paramref name="now"/>: until the next timeout scan, a little before
    /// the next scheduled send (<paramref name="spinTicks"/>: it polls the rest), a little before the next answer is
    /// expected (it polls until <paramref name="spinTicks"/> after; an answer later than that is waited for asleep),
    /// or the next connect retry, whichever comes first; never negative. A wait ends late (<see cref="WakeLateness"/>):
    /// the wait before a send or an expected answer ends <paramref name="wakeLateTicks"/> earlier still, so the polling
    /// starts when it should rather than that much later.
    /// </summary>
    public static TimeSpan WaitTimeout(long now, long scanTicks, long? nextSendTicks, long spinTicks, long? nextRetryTicks, long? nextAnswerTicks = null, long wakeLateTicks = 0)
    {
        var due = now + scanTicks;
        if (nextSendTicks is { } send)
        {
            due = Math.Min(due, send - spinTicks - wakeLateTicks);
        }

        if (nextAnswerTicks is { } answer && now < answer + spinTicks)
        {
            due = Math.Min(due, answer - spinTicks - wakeLateTicks);
        }

        if (nextRetryTicks is { } retry)
        {
            due = Math.Min(due, retry);
        }

        return TimeSpan.FromTicks(Math.Max(0, (long)((due - now) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
    }
}
