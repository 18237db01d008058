using AsyncIoTools.Workloads;
namespace AsyncIoTools.Engines.Protocols;

/// <summary>
/// A wire protocol, independent of the engine that moves its bytes. Engines hand it what they have read and an
/// output buffer; it answers as many complete requests as fit and leaves the rest for the next call. It keeps
/// no state between calls but the one <c>long</c> the engine stores per connection, so every engine can serve
/// every protocol without allocating per request.
/// </summary>
internal abstract class ServerProtocol
{
    /// <summary>Output space engines always offer: enough for any single response this protocol writes.</summary>
    public const int MinimumOutputSpace = 4096;

    public abstract ProtocolKind Kind { get; }

    /// <summary>
    /// The most input an engine may need to hold for one unfinished request before the protocol decides
    /// (answers or rejects it). Engines size their read buffers from this.
    /// </summary>
    public abstract int MaxPendingInput { get; }

    /// <summary>
    /// Answers the complete requests at the start of <paramref name="input"/>, writing responses into
    /// <paramref name="output"/> (at least <see cref="MinimumOutputSpace"/> bytes). Consumes nothing when the
    /// input holds only part of a request.
    /// </summary>
    public abstract ProtocolStep Process(ReadOnlySpan<byte> input, Span<byte> output, ref long connectionState);

    /// <summary>The phase of a connection that has sent nothing yet: a request head is due (HTTP), or nothing is (echo).</summary>
    public virtual RequestPhase OpeningPhase => RequestPhase.Head;

    /// <summary>The phase a connection is in, from its state and the input held unanswered.</summary>
    public virtual RequestPhase PhaseOf(long connectionState, int heldBytes) => heldBytes > 0 ? RequestPhase.Head : RequestPhase.Idle;
}
