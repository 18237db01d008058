using System.Runtime.Versioning;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Iocp;

/// <summary>One AcceptEx kept posted on the listener: the socket created beforehand that it accepts into.</summary>
[SupportedOSPlatform("windows")]
internal sealed class IocpAccept : OverlappedOperation
{
    public IocpAccept()
        : base(2 * OverlappedSocket.AcceptAddressBytes)
    {
    }

    /// <summary>The socket the pending AcceptEx will accept into; null when none is posted.</summary>
    public OverlappedSocket? Socket { get; set; }

    /// <summary>Hands the accepted socket over to its connection.</summary>
    public OverlappedSocket TakeSocket()
    {
        var socket = Socket ?? throw new InvalidOperationException("no socket was accepted");
        Socket = null;
        return socket;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !IsPending)
        {
            Socket?.Dispose();
        }

        base.Dispose(disposing);
    }
}
