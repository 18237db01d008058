using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.IoUring;

/// <summary>
/// One connection of an io_uring loop. Its slot (and so this object) is freed only when no request on it is in
/// flight any more, so a completion always finds the connection it was for. Output is written into a chunk and
/// sent from it; while one send is in flight, further output goes into the next chunk. Its protocol is its
/// <see cref="Machine"/>.
/// </summary>
internal sealed class IoUringConnection
{
    public const int None = -1;

    public IoUringConnection() => Machine = new ConnectionMachine { Owner = this };

    public ConnectionMachine Machine { get; }

    /// <summary>The socket when served by descriptor; null for a fixed-file connection (or once closing).</summary>
    public NativeSocket? Socket;

    public IoUringFile File;

    public int Slot;

    public uint Generation;

    /// <summary>Requests submitted whose last completion has not come (a multishot receive counts once).</summary>
    public int InFlight;

    public bool Receiving;
    public bool ReceiveCanceling;

    /// <summary>The chunk a single-shot receive reads into; kept while the connection lives.</summary>
    public int ReceiveChunk = None;

    /// <summary>Output being gathered, not yet sent.</summary>
    public int OutputChunk = None;
    public int OutputLength;

    /// <summary>The output a send is working through: [SendOffset, SendLength) of SendChunk.</summary>
    public int SendChunk = None;
    public int SendOffset;
    public int SendLength;
    public bool Sending;

    /// <summary>Bytes the quiet send in flight asked for; 0 when the send in flight (if any) is a plain one.</summary>
    public int QuietLength;

    /// <summary>The submission-queue position of the quiet send in flight.</summary>
    public uint QuietPosition;

    /// <summary>A quiet send of this chunk found the socket full or short: the rest of the chunk goes in plain sends.</summary>
    public bool SendRefused;

    /// <summary>
    /// Where the gathered output must be cut into separate sends (split writes), ascending; made on the first cut,
    /// since a connection that never splits (nearly all) should not carry two lists: 64 bytes of 100,000 idle ones.
    /// </summary>
    public List<int>? OutputCuts;

    /// <summary>The cuts of the chunk being sent.</summary>
    public List<int>? SendCuts;

    /// <summary>The output chunk has no room for another answer: input waits until a send frees it.</summary>
    public bool OutputFull;

    /// <summary>
    /// A file body the protocol answered with: it goes out once the output before it (its head) is sent, and
    /// input waits until it has gone, so answers never interleave.
    /// </summary>
    public FileBody? Body;

    /// <summary>The body's requests are under way (its head has been sent).</summary>
    public bool BodyStarted;

    /// <summary>Splice: the pipe the body passes through; it may hold bytes of the body.</summary>
    public NativePipe? Pipe;

    /// <summary>Read/write: the file chunk read into; [BodySent, BodyFilled) of it is not sent yet.</summary>
    public int BodyChunk = None;
    public int BodyFilled;
    public int BodySent;

    /// <summary>Bytes the body request now in flight asked for (a short read or splice breaks its link).</summary>
    public int BodyAsked;

    /// <summary>What follows once the output gathered so far (and any file body) has gone, as the machine said last.</summary>
    public ConnectionNext AfterOutput;

    public bool PeerClosed;
    public bool Closing;

    /// <summary>The machine answered with a close or an error: nothing more is answered, and what comes is not read.</summary>
    public bool Ending => AfterOutput is ConnectionNext.Close or ConnectionNext.Linger;

    public bool HasOutput => Sending || OutputLength > 0 || Body is not null;

    /// <summary>No more requests may be answered now: the output has no room, or a file body is still to go.</summary>
    public bool AnswersHeld => OutputFull || Body is not null;

    public ulong Token(IoUringTokenKind kind) => new IoUringToken(kind, Slot, Generation).Value;

    public void Reset(NativeSocket? socket, IoUringFile file)
    {
        Socket = socket;
        File = file;
        Generation++;
        InFlight = 0;
        Receiving = ReceiveCanceling = Sending = OutputFull = SendRefused = false;
        OutputLength = SendOffset = SendLength = QuietLength = 0;
        OutputCuts?.Clear();
        SendCuts?.Clear();
        BodyStarted = false;
        BodyFilled = BodySent = BodyAsked = 0;
        AfterOutput = ConnectionNext.Read;
        PeerClosed = Closing = false;
    }
}
