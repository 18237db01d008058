using AsyncIoTools.Workloads;
namespace AsyncIoTools.Engines.Protocols;

/// <summary>Sends back every byte; counts one request per <c>messageBytes</c> echoed.</summary>
internal sealed class EchoProtocol : ServerProtocol
{
    private readonly int _messageBytes;

    public EchoProtocol(int messageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messageBytes, 1);
        _messageBytes = messageBytes;
    }

    public override ProtocolKind Kind => ProtocolKind.Echo;

    public override int MaxPendingInput => 0;

    /// <summary>Every byte is answered as it comes: there is no head to wait for, only idle time.</summary>
    public override RequestPhase OpeningPhase => RequestPhase.Idle;

    public override RequestPhase PhaseOf(long connectionState, int heldBytes) => RequestPhase.Idle;

    public override ProtocolStep Process(ReadOnlySpan<byte> input, Span<byte> output, ref long connectionState)
    {
        var length = Math.Min(input.Length, output.Length);
        input[..length].CopyTo(output);

        // The connection's state is how far into the current message it is.
        connectionState += length;
        var messages = connectionState / _messageBytes;
        connectionState %= _messageBytes;
        return new ProtocolStep(length, length, (int)messages, CloseAfterWrite: false);
    }
}
