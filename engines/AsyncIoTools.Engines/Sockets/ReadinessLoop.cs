using System.Runtime.CompilerServices;
using AsyncIoTools.Engines.Interop;

namespace AsyncIoTools.Engines.Sockets;

/// <summary>
/// An epoll set of <see cref="ClientSocket"/>s with a wake-up (an eventfd registered under <see cref="WakeToken"/>)
/// that another thread may signal, for code outside the engines (the load generator's workers). One thread waits;
/// any thread may <see cref="Wake"/> it.
/// </summary>
public sealed class ReadinessLoop : IDisposable
{
    /// <summary>The token the wake-up comes back with from <see cref="Wait"/>; never use it for a socket.</summary>
    public const ulong WakeToken = ulong.MaxValue;

    private readonly Interop.Epoll _epoll;
    private readonly EventSignal _wake;

    private ReadinessLoop(Interop.Epoll epoll, EventSignal wake)
    {
        _epoll = epoll;
        _wake = wake;
    }

    public static ReadinessLoop Create()
    {
        var epoll = Interop.Epoll.Create();
        var wake = EventSignal.Create();
        epoll.Add(wake, IoEvents.Readable, WakeToken);
        return new ReadinessLoop(epoll, wake);
    }

    public void Add(ClientSocket socket, IoEvents interest, ulong token)
    {
        ArgumentNullException.ThrowIfNull(socket);
        _epoll.Add(socket.Native, interest, token);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Modify(ClientSocket socket, IoEvents interest, ulong token) => _epoll.Modify(socket.Native, interest, token);

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> (-1: for ever); the number of <paramref name="events"/> filled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Wait(Span<ReadyEvent> events, int timeoutMilliseconds) => _epoll.Wait(events, timeoutMilliseconds);

    /// <summary>Waits up to <paramref name="timeout"/> (rounded up to whole milliseconds; infinite: for ever).</summary>
    public int Wait(Span<ReadyEvent> events, TimeSpan timeout) => _epoll.Wait(events, timeout);

    /// <summary>Makes the waiting thread's <see cref="Wait"/> return with a <see cref="WakeToken"/> event.</summary>
    public void Wake() => _wake.Signal();

    /// <summary>Clears the wake-up after its event came back, so the next wait blocks again.</summary>
    public void ClearWake() => _wake.Drain();

    public void Dispose()
    {
        _epoll.Dispose();
        _wake.Dispose();
    }
}
