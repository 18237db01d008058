using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.EventLoop;

/// <summary>Sets <see cref="SocketTuning"/> on an accepted connection, one setsockopt per option asked for.</summary>
internal static class SocketTuner
{
    /// <summary>Throws (<see cref="ErrnoException"/>, <see cref="Win32ErrorException"/>) when the peer reset the connection before it could be configured.</summary>
    public static void Apply(SocketTuning tuning, ITunableSocket socket)
    {
        if (tuning.NoDelay)
        {
            socket.SetOption(SocketOption.NoDelay, 1);
        }

        if (tuning.SendBufferBytes is { } send)
        {
            socket.SetOption(SocketOption.SendBufferSize, send);
        }

        if (tuning.ReceiveBufferBytes is { } receive)
        {
            socket.SetOption(SocketOption.ReceiveBufferSize, receive);
        }

        if (tuning.KeepAliveIdleSeconds is { } idle)
        {
            socket.SetOption(SocketOption.KeepAlive, 1);
            socket.SetOption(SocketOption.KeepAliveIdleSeconds, idle);
        }
    }
}
