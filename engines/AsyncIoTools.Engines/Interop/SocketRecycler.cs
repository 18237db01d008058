using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// The emptied connection sockets of one loop, filled again by its next accepts, so that a loop allocates nothing
/// per connection once it has held its peak. One SafeHandle per accepted connection was the only allocation of the
/// reactor and io_uring paths, and with no other garbage the first collection came late: a million connections
/// left a million 40-byte handles (and their finalization-queue entries) in gen0, read as 45 B of RSS per connection
/// that looked like a leak. Used by the loop's own thread only. A socket handed to another loop ends up emptied in
/// that loop's recycler, which is harmless: each recycler keeps at most <see cref="Capacity"/>.
/// </summary>
internal sealed class SocketRecycler
{
    /// <summary>More than a loop keeps open at its peak is rarely worth holding on to.</summary>
    public const int Capacity = 65_536;

    private readonly Stack<NativeSocket> _empty = new();

    /// <summary>How many emptied sockets wait to be filled again.</summary>
    public int Count => _empty.Count;

    /// <summary>Accepts one pending connection from <paramref name="listener"/>, non-blocking, into an emptied socket when there is one.</summary>
    public IoResult Accept(NativeSocket listener, out NativeSocket? accepted)
    {
        ArgumentNullException.ThrowIfNull(listener);
        _empty.TryPeek(out var empty);
        var result = listener.Accept(empty, out accepted);
        if (result.Succeeded && empty is not null)
        {
            _empty.Pop();
        }

        return result;
    }

    /// <summary>Closes <paramref name="socket"/>'s descriptor and keeps the object for a later connection.</summary>
    public void Close(NativeSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.CloseAndKeep();
        Keep(socket);
    }

    /// <summary>Keeps a socket whose descriptor something else closes (an io_uring close already detached it).</summary>
    public void Keep(NativeSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (_empty.Count < Capacity && socket.IsInvalid && !socket.IsClosed)
        {
            _empty.Push(socket);
        }
    }

    /// <summary>A socket for a descriptor the kernel returned elsewhere (an io_uring accept's completion).</summary>
    internal NativeSocket Wrap(int descriptor) =>
        _empty.TryPop(out var empty) ? empty.Fill(descriptor) : NativeSocket.FromDescriptor(descriptor);
}
