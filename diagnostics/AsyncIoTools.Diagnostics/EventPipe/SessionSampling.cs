using AsyncIoTools.Failures;

namespace AsyncIoTools.Diagnostics.EventPipe;

/// <summary>
/// When a per-event session (lag's work items, hotspots' async calls) is on. Every event costs the target about
/// 0.7–1 µs of its CPU in the runtime's event writer (issue 16), which a saturated target pays out of its throughput.
/// So a target that emits more events per second than the budget is followed in one window per interval, the window
/// the budget's share of the interval (at least <see cref="MinWindow"/>), placed at random within it so that a stall
/// recurring with the interval's period is neither always hit nor always missed; a target that emits less is followed
/// throughout.
/// </summary>
public sealed class SessionSampling
{
    /// <summary>The shortest window: a session's start and stop cost the target about as much as this many events.</summary>
    public static readonly TimeSpan MinWindow = TimeSpan.FromMilliseconds(50);

    /// <summary>A window followed throughout ends once its rate passes the budget by this much (no flapping at the edge).</summary>
    private const double Hysteresis = 1.25;

    /// <summary>
    /// Whether a session that followed <paramref name="fraction"/> of its time was sampled. Followed throughout, a
    /// session still misses the moment its sessions take to start (a few percent); sampled, it follows at most
    /// 1 / 1.25 of the time (<see cref="Hysteresis"/>).
    /// </summary>
    public static bool WasSampled(double fraction) => fraction < 0.9;

    private readonly long _start;
    private readonly long _intervalNanos;
    private readonly double _budget;
    private readonly Random _random;
    private double? _rate;

    /// <param name="start">The session's start on the monotonic clock (nanoseconds): the intervals' origin.</param>
    /// <param name="budgetEventsPerSecond">Above this rate items are followed in windows.</param>
    public SessionSampling(long start, TimeSpan interval, double budgetEventsPerSecond, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(budgetEventsPerSecond, 0);
        ArgumentNullException.ThrowIfNull(random);
        _start = start;
        Interval = interval;
        _intervalNanos = (long)interval.TotalNanoseconds;
        _budget = budgetEventsPerSecond;
        _random = random;
    }

    /// <summary>One window per interval when sampled; a window followed throughout is judged once per interval.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Throws the usage error a non-positive budget is (both commands that sample take one).</summary>
    public static void ValidateBudget(double eventsPerSecond)
    {
        if (!(eventsPerSecond > 0))
        {
            throw new AsyncIoToolsException(FailureKind.Usage, "the event budget must be a positive number of events a second");
        }
    }

    /// <summary>The share of each interval to follow, from the rate the last window saw (1 before any window).</summary>
    public double Fraction =>
        _rate is { } rate && rate > _budget
            ? Math.Min(1, Math.Max(_budget / rate, MinWindow.TotalNanoseconds / _intervalNanos))
            : 1;

    /// <summary>
    /// The next window after <paramref name="now"/>: when it opens, and how long it lasts (null: until
    /// <see cref="OverBudget"/> says it sees too many events, or the session ends).
    /// </summary>
    public (long OpensAt, long? LengthNanos) Next(long now)
    {
        var fraction = Fraction;
        if (fraction >= 1)
        {
            return (now, null);
        }

        var length = (long)(fraction * _intervalNanos);
        var nextInterval = _start + (((Math.Max(now, _start) - _start) / _intervalNanos) + 1) * _intervalNanos;
        return (nextInterval + (long)(_random.NextDouble() * (_intervalNanos - length)), length);
    }

    /// <summary>What a window saw: <paramref name="events"/> work-item events while following for <paramref name="nanos"/>.</summary>
    public void Observed(long events, long nanos)
    {
        if (nanos > 0)
        {
            _rate = events / (nanos / 1e9);
        }
    }

    /// <summary>
    /// How soon a window followed throughout is first judged (then once an interval): a busy target pays for every
    /// event only this long before it is sampled.
    /// </summary>
    public static readonly TimeSpan FirstJudgement = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// True when a window followed throughout has seen too many events over its last stretch
    /// (<paramref name="events"/> in <paramref name="nanos"/>, at least most of <see cref="FirstJudgement"/>: a timer
    /// fires a little early or late): end it and sample.
    /// </summary>
    public bool OverBudget(long events, long nanos) => nanos >= FirstJudgement.TotalNanoseconds * 0.8 && events / (nanos / 1e9) > _budget * Hysteresis;
}
