namespace AsyncIoTools.Engines.Connections;

/// <summary>
/// One <see cref="DeadlineWheel"/> for a server whose connections are served by many threads (a thread each,
/// async flows on the pool, IOCP workers): connections are filed and unlinked under a lock as they open and close
/// (never per request: the machines move their deadlines with a plain store), and a timer turns the wheel every
/// tick. An expired connection's owner is told under the same lock, while the connection is still filed, so
/// whatever the owner reaches from it (its socket) is still that connection's.
/// </summary>
internal sealed class SharedDeadlines : IDisposable
{
    private readonly Lock _gate = new();
    private readonly DeadlineWheel _wheel = new(Environment.TickCount64);
    private readonly List<ConnectionMachine> _expired = [];
    private readonly Action<ConnectionMachine> _onExpired;
    private readonly Timer _timer;

    /// <param name="onExpired">Ends the connection (shuts or closes its socket); its flow then closes it and counts why.</param>
    public SharedDeadlines(Action<ConnectionMachine> onExpired)
    {
        _onExpired = onExpired;
        _timer = new Timer(static state => ((SharedDeadlines)state!).Turn(), this, DeadlineWheel.TickMilliseconds, DeadlineWheel.TickMilliseconds);
    }

    public void Add(ConnectionMachine machine)
    {
        lock (_gate)
        {
            _wheel.Add(machine);
        }
    }

    public void Remove(ConnectionMachine machine)
    {
        lock (_gate)
        {
            _wheel.Remove(machine);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Turn()
    {
        lock (_gate)
        {
            _wheel.Advance(Environment.TickCount64, _expired);
            foreach (var machine in _expired)
            {
                _onExpired(machine);
            }

            _expired.Clear();
        }
    }
}
