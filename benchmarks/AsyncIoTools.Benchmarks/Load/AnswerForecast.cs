namespace AsyncIoTools.Benchmarks.Load;

/// <summary>
/// When a load worker's next answer should arrive: the oldest send still unanswered plus the typical latency so far.
/// The worker polls around that moment instead of sleeping through it, because a thread asleep on an idle CPU learns
/// of an answer only after the CPU wakes (tens of µs on a VM whose guest does not halt-poll), and that wake-up would
/// be counted as the server's latency.
/// Sends are kept in order in a ring (one entry per batch sent); an entry goes stale when its connection's oldest
/// request in flight is no longer that send. At most one entry per connection is live, so a full ring is mostly stale:
/// it then forgets its oldest entry, which only makes the forecast later. Touched by the worker's thread only.
/// </summary>
internal sealed class AnswerForecast
{
    // The typical latency follows the answers with weight 1/16 each: a few dozen answers to settle, none to store.
    private const int SmoothingShift = 4;

    private readonly LoadConnection[] _connections;
    private readonly int[] _connection;
    private readonly long[] _sentTicks;
    private int _head;
    private int _count;
    private long _typicalTicks = -1;

    public AnswerForecast(LoadConnection[] connections)
    {
        _connections = connections;
        _connection = new int[connections.Length + 1];
        _sentTicks = new long[connections.Length + 1];
    }

    /// <summary>The smoothed latency of the answers so far, in ticks; -1 before the first.</summary>
    public long TypicalTicks => _typicalTicks;

    /// <summary>Records a send: <paramref name="connection"/> has sent its oldest request in flight at <paramref name="sentTicks"/>.</summary>
    public void Sent(LoadConnection connection, long sentTicks)
    {
        if (_count == _sentTicks.Length)
        {
            Forget();
        }

        var tail = (_head + _count) % _sentTicks.Length;
        _connection[tail] = connection.Index;
        _sentTicks[tail] = sentTicks;
        _count++;
    }

    /// <summary>Folds one answer's latency into the typical latency.</summary>
    public void Answered(long latencyTicks) =>
        _typicalTicks = _typicalTicks < 0 ? latencyTicks : _typicalTicks + ((latencyTicks - _typicalTicks) >> SmoothingShift);

    /// <summary>When the next answer is expected, or null when nothing is in flight or no answer has come yet.</summary>
    public long? NextAnswerTicks()
    {
        while (_count > 0)
        {
            var connection = _connections[_connection[_head]];
            if (connection.Outstanding > 0 && connection.SendTicks[connection.RingHead] == _sentTicks[_head])
            {
                return _typicalTicks < 0 ? null : _sentTicks[_head] + _typicalTicks;
            }

            Forget();
        }

        return null;
    }

    private void Forget()
    {
        _head = (_head + 1) % _sentTicks.Length;
        _count--;
    }
}
