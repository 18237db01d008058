using System.Net;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Failures;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.EventLoop;

/// <summary>Opens the listening sockets of a server, with the errors a user can act on.</summary>
internal static class Listeners
{
    /// <summary>
    /// One listener per loop sharing the port (SO_REUSEPORT), or one listener when connections are handed out
    /// (single-acceptor mode, or one loop without workers). Port 0 picks one port that all listeners share.
    /// </summary>
    public static List<NativeSocket> Open(ServerSettings settings, int loopCount, bool nonBlocking = true)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var shared = settings.Accept == AcceptMode.ReusePort && (loopCount > 1 || settings.SharePort);
        var count = settings.Accept == AcceptMode.ReusePort ? loopCount : 1;
        var endPoint = settings.Endpoint;
        if (shared && endPoint.Port != 0 && !settings.SharePort)
        {
            EnsureFree(settings);
        }

        var listeners = new List<NativeSocket>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var socket = Open(endPoint, settings, shared, nonBlocking);
                listeners.Add(socket);
                if (endPoint.Port == 0)
                {
                    endPoint = new IPEndPoint(endPoint.Address, socket.LocalEndPoint.Port);
                }
            }
        }
        catch
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }

            throw;
        }

        return listeners;
    }

    /// <summary>
    /// Fails as a plain bind would if the port is taken: SO_REUSEPORT would otherwise let us share a port another
    /// server already holds, and requests would go to it.
    /// </summary>
    public static void EnsureFree(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var probe = Open(settings.Endpoint, settings, reusePort: false, nonBlocking: true);
    }

    /// <summary>The failure for a port another server holds, the same whichever socket API found it.</summary>
    public static AsyncIoToolsException AddressInUse(IPEndPoint endPoint, string cause) =>
        AsyncIoToolsException.ForSettings(FailureKind.AddressInUse, $"{endPoint} is already in use (bind: {cause}); choose another {Setting.Port}, or 0 for a free one");

    /// <summary>The listener's own options; accepted connections inherit the congestion control from it.</summary>
    private static void Tune(NativeSocket socket, SocketTuning tuning)
    {
        if (tuning.FastOpenQueueLength is { } queue)
        {
            socket.SetOption(SocketOption.FastOpenQueueLength, queue);
        }

        if (tuning.CongestionControl is { } control)
        {
            try
            {
                socket.SetCongestionControl(control);
            }
            catch (ErrnoException e)
            {
                throw CongestionControls.Refused(control, e);
            }
        }
    }

    private static NativeSocket Open(IPEndPoint endPoint, ServerSettings settings, bool reusePort, bool nonBlocking)
    {
        try
        {
            var socket = NativeSocket.Listen(endPoint, settings.Backlog, reusePort, nonBlocking);
            try
            {
                Tune(socket, settings.Tuning);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        catch (ErrnoException e) when (e.Error == IoError.AddressInUse)
        {
            throw AddressInUse(endPoint, e.ErrnoName);
        }
        catch (ErrnoException e) when (e.Error is IoError.AddressNotAvailable or IoError.PermissionDenied)
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"cannot listen on {endPoint}: {e.Message}");
        }
    }
}
