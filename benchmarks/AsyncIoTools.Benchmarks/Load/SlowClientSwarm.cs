using System.Net;
using System.Text;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>
/// Slow clients, as slowloris runs them: each connection sends the start of a request head and then one byte every
/// interval, never finishing it. When the server closes one (its head timeout, or no room for it), the client opens
/// another at its next turn, so the pressure stays. One thread and one epoll watch them all; the swarm records when
/// the server closed each connection, counted from its open.
/// </summary>
public sealed class SlowClientSwarm : IDisposable
{
    /// <summary>Seconds between a slow client's bytes when a scenario does not say.</summary>
    public const double DefaultIntervalSeconds = 5;

    private const int TickMilliseconds = 100;
    private static readonly byte[] HeadStart = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: slow\r\nX-Slow: ");
    private static readonly byte[] OneByte = "a"u8.ToArray();

    private readonly IPEndPoint _target;
    private readonly int _interval;
    private readonly Client[] _clients;
    private readonly ReadinessLoop _loop = ReadinessLoop.Create();
    private readonly List<long> _closedAfter = [];
    private readonly Thread _thread;
    private long _opened;
    private long _connectErrors;
    private volatile bool _stopping;
    private Exception? _failure;

    public SlowClientSwarm(IPEndPoint target, int clients, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clients);
        _target = target;
        _interval = (int)Math.Max(1, interval.TotalMilliseconds);
        _clients = Enumerable.Range(0, clients).Select(_ => new Client()).ToArray();
        _thread = new Thread(Run) { Name = "aiotools-slow-clients", IsBackground = true };
    }

    /// <summary>Opens the connections (spread over the first interval) and starts trickling.</summary>
    public void Start()
    {
        var now = Environment.TickCount64;
        for (var i = 0; i < _clients.Length; i++)
        {
            _clients[i].Due = now + ((long)i * Math.Min(_interval, 1000) / _clients.Length);
        }
        _thread.Start();
    }

    /// <summary>Stops the clients, closes their connections and reports what they met.</summary>
    public SlowClientReport Stop()
    {
        _stopping = true;
        _loop.Wake();
        _thread.Join();
        if (_failure is { } failure)
        {
            throw new InvalidOperationException($"the slow clients failed: {failure.Message}", failure);
        }

        var open = _clients.Count(c => c.Socket is not null && !c.Connecting);
        foreach (var client in _clients)
        {
            client.Socket?.Dispose();
            client.Socket = null;
        }

        var closes = _closedAfter.Order().ToArray();
        return new SlowClientReport(
            _clients.Length,
            _interval / 1000.0,
            _opened,
            closes.Length,
            closes.Count(ms => ms < 1000),
            closes.Length > 0 ? closes[closes.Length / 2] / 1000.0 : null,
            closes.Length > 0 ? closes[(int)Math.Min(closes.Length - 1, Math.Ceiling(closes.Length * 0.9) - 1)] / 1000.0 : null,
            closes.Length > 0 ? closes[^1] / 1000.0 : null,
            open,
            _connectErrors);
    }

    public void Dispose()
    {
        if (_thread.IsAlive)
        {
            _stopping = true;
            _loop.Wake();
            _thread.Join();
        }

        foreach (var client in _clients)
        {
            client.Socket?.Dispose();
        }

        _loop.Dispose();
    }

    private void Run()
    {
        var events = new ReadyEvent[256];
        var buffer = new byte[4096];
        try
        {
            while (!_stopping)
            {
                var ready = _loop.Wait(events, TickMilliseconds);
                var now = Environment.TickCount64;
                for (var i = 0; i < ready; i++)
                {
                    if (events[i].Token != ReadinessLoop.WakeToken)
                    {
                        OnEvent(_clients[(int)events[i].Token], (int)events[i].Token, events[i].Events, buffer, now);
                    }
                }

                for (var i = 0; i < _clients.Length; i++)
                {
                    var client = _clients[i];
                    if (client.Due <= now && !client.Connecting)
                    {
                        Turn(client, i, now);
                    }
                }
            }
        }
#pragma warning disable CA1031 // Reported to the runner by Stop.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _failure = e;
        }
    }

    /// <summary>A client's turn: open a connection if it has none, else send the next byte.</summary>
    private void Turn(Client client, int index, long now)
    {
        client.Due = now + _interval;
        if (client.Socket is null)
        {
            Open(client, index, now);
            return;
        }

        var sent = client.Socket.Send(OneByte);
        if (!sent.Succeeded && !sent.WouldBlock)
        {
            Closed(client, now);
        }
    }

    private void Open(Client client, int index, long now)
    {
        var socket = ClientSocket.Create(_target.AddressFamily);
        var started = socket.Connect(_target);
        if (!started.Succeeded && started.Error != IoError.InProgress)
        {
            socket.Dispose();
            _connectErrors++;
            return;
        }

        client.Socket = socket;
        client.Connecting = true;
        client.OpenedAt = now;
        _loop.Add(socket, IoEvents.Writable | IoEvents.Readable | IoEvents.ReadHangUp, (ulong)index);
    }

    private void OnEvent(Client client, int index, IoEvents events, byte[] buffer, long now)
    {
        if (client.Socket is not { } socket)
        {
            return;
        }

        if (client.Connecting)
        {
            if (socket.TakePendingError() is { Succeeded: false } || (events & (IoEvents.Error | IoEvents.HangUp)) != 0)
            {
                socket.Dispose();
                client.Socket = null;
                client.Connecting = false;
                _connectErrors++;
                return;
            }

            client.Connecting = false;
            _opened++;
            _loop.Modify(socket, IoEvents.Readable | IoEvents.ReadHangUp, (ulong)index);
            if (!socket.Send(HeadStart).Succeeded)
            {
                Closed(client, now);
            }

            return;
        }

        // Anything the server says (an error answer) is read and dropped; a close ends the connection.
        while (true)
        {
            var received = socket.Receive(buffer);
            if (received.WouldBlock)
            {
                return;
            }

            if (!received.Succeeded || received.Value == 0)
            {
                Closed(client, now);
                return;
            }
        }
    }

    private void Closed(Client client, long now)
    {
        _closedAfter.Add(now - client.OpenedAt);
        client.Socket!.Dispose(); // Closing the descriptor takes it out of the epoll set.
        client.Socket = null;
    }

    private sealed class Client
    {
        public ClientSocket? Socket;
        public bool Connecting;
        public long OpenedAt;
        public long Due;
    }
}
