using System.Runtime.Versioning;
using AsyncIoTools.Engines.Interop;

namespace AsyncIoTools.Engines.Iocp;

/// <summary>
/// One connection of the completion-port server, and its only overlapped operation: a connection has at most
/// one call in flight (a receive or a send), so whichever worker dequeues its completion owns it until it posts
/// the next. Its native buffer holds the input not yet answered, then the output being sent; objects are reused
/// for later connections, so a new connection costs no allocation.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class IocpConnection : OverlappedOperation
{
    public IocpConnection(int receiveBytes, int sendBytes)
        : base(receiveBytes + sendBytes)
    {
        ReceiveBytes = receiveBytes;
    }

    public OverlappedSocket? Socket;

    /// <summary>The buffer's first part receives; the rest, from here, holds output.</summary>
    public int ReceiveBytes { get; }

    public int InputStart;
    public int InputLength;

    public int OutputSent;
    public int OutputLength;

    /// <summary>Where a send must stop so the rest goes in a second one (split writes); 0: no split pending.</summary>
    public int OutputSplit;

    /// <summary>The call in flight (or just completed) is a send; otherwise a receive.</summary>
    public bool Sending;

    /// <summary>The protocol's per-connection state.</summary>
    public long ProtocolState;

    /// <summary>Close once the output is sent.</summary>
    public bool CloseAfterWrite;

    /// <summary>Linger (rather than close at once) when the output is sent: it answers a rejected request.</summary>
    public bool LingerAfterWrite;

    /// <summary>After a rejected request: the send side is shut and input is received and dropped until the peer closes.</summary>
    public bool Lingering;

    public long LingerBytes;

    public Span<byte> Input => Buffer.Slice(InputStart, InputLength);

    public Span<byte> Output => Buffer[ReceiveBytes..];

    public void Reset(OverlappedSocket socket)
    {
        Socket = socket;
        InputStart = 0;
        InputLength = 0;
        OutputSent = 0;
        OutputLength = 0;
        OutputSplit = 0;
        Sending = false;
        ProtocolState = 0;
        CloseAfterWrite = false;
        LingerAfterWrite = false;
        Lingering = false;
        LingerBytes = 0;
    }
}
