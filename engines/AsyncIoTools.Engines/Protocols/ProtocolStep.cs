namespace AsyncIoTools.Engines.Protocols;

/// <summary>
/// What one call to <see cref="ServerProtocol.Process"/> did: input bytes consumed, output bytes written,
/// requests answered, and whether the connection must close once the output is sent. <see cref="Rejected"/>
/// marks a close after an error answer (400, 431): the peer may still be sending, so the engine shuts its side
/// and drops input until the peer closes, rather than resetting a connection whose answer is still in flight.
/// </summary>
/// <param name="SplitAt">When positive, send the output as two writes, [0, SplitAt) then the rest.</param>
/// <param name="File">A file body to send after the output; the engine owns it from here and disposes it.</param>
/// <param name="Limit">The limit a rejected request broke (431, 413), for the server's counters.</param>
internal readonly record struct ProtocolStep(
    int Consumed,
    int Written,
    int Requests,
    bool CloseAfterWrite,
    bool Rejected = false,
    int SplitAt = 0,
    FileBody? File = null,
    Contract.LimitReason? Limit = null);
