using System.Runtime.Versioning;
using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Iocp;

/// <summary>
/// The connections of one server, shared by all its workers (any of them may accept or close one): reused
/// objects, the set open now, their deadlines, and a switch that refuses new ones once the server stops. Accepting
/// and closing take a lock; requests never do. A connection past its deadline has its socket closed from the
/// timer, which aborts its pending call; the worker that takes the failed completion closes it.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class IocpConnections : IDisposable
{
    private readonly object _gate = new();
    private readonly SharedDeadlines _deadlines = new(static machine => ((IocpConnection)machine.Owner!).Socket?.Dispose());
    private readonly List<IocpConnection> _all = [];
    private readonly Stack<IocpConnection> _free = new();
    private readonly HashSet<IocpConnection> _open = [];
    private readonly int _receiveBytes;
    private readonly int _sendBytes;
    private bool _closed;

    public IocpConnections(int receiveBytes, int sendBytes)
    {
        _receiveBytes = receiveBytes;
        _sendBytes = sendBytes;
    }

    /// <summary>A connection for <paramref name="socket"/>; null once the server is stopping (the caller closes the socket).</summary>
    public IocpConnection? Open(OverlappedSocket socket)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return null;
            }

            if (!_free.TryPop(out var connection))
            {
                connection = new IocpConnection(_receiveBytes, _sendBytes);
                _all.Add(connection);
            }

            connection.Reset(socket);
            _open.Add(connection);
            return connection;
        }
    }

    /// <summary>Starts watching the deadline of a connection whose machine has just been opened.</summary>
    public void Watch(IocpConnection connection) => _deadlines.Add(connection.Machine);

    /// <summary>Stops watching a connection that is about to close; from here its socket is the closer's alone.</summary>
    public void Unwatch(IocpConnection connection) => _deadlines.Remove(connection.Machine);

    public void Release(IocpConnection connection)
    {
        lock (_gate)
        {
            _open.Remove(connection);
            _free.Push(connection);
        }
    }

    /// <summary>Refuses new connections and returns the sockets open now, for the stop to close.</summary>
    public List<OverlappedSocket> CloseToNew()
    {
        lock (_gate)
        {
            _closed = true;
            return _open.Select(c => c.Socket).OfType<OverlappedSocket>().ToList();
        }
    }

    /// <summary>Frees the native memory of every connection object no operation still holds.</summary>
    public void Dispose()
    {
        _deadlines.Dispose();
        lock (_gate)
        {
            foreach (var connection in _all)
            {
                connection.Dispose();
            }
        }
    }
}
