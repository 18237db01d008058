using System.Runtime.Versioning;
using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Iocp;

/// <summary>
/// One connection of the completion-port server, and its only overlapped operation: a connection has at most
/// one call in flight (a receive or a send), so whichever worker dequeues its completion owns it until it posts
/// the next. Its native buffer receives into its first part and sends output from the rest; its protocol is its
/// <see cref="Machine"/>, which holds whatever input is not answered yet. Objects are reused for later
/// connections, so a new connection costs no allocation.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class IocpConnection : OverlappedOperation
{
    public IocpConnection(int receiveBytes, int sendBytes)
        : base(receiveBytes + sendBytes)
    {
        ReceiveBytes = receiveBytes;
        Machine = new ConnectionMachine { Owner = this };
    }

    public ConnectionMachine Machine { get; }

    public OverlappedSocket? Socket;

    /// <summary>The buffer's first part receives; the rest, from here, holds output.</summary>
    public int ReceiveBytes { get; }

    public int OutputSent;
    public int OutputLength;

    /// <summary>Where a send must stop so the rest goes in a second one (split writes); 0: no split pending.</summary>
    public int OutputSplit;

    /// <summary>The call in flight (or just completed) is a send; otherwise a receive.</summary>
    public bool Sending;

    /// <summary>What follows once the output is sent.</summary>
    public ConnectionNext AfterSend;

    public Span<byte> Received(int count) => Buffer[..count];

    public Span<byte> Output => Buffer[ReceiveBytes..];

    public void Reset(OverlappedSocket socket)
    {
        Socket = socket;
        OutputSent = 0;
        OutputLength = 0;
        OutputSplit = 0;
        Sending = false;
        AfterSend = ConnectionNext.Read;
    }
}
