namespace AsyncIoTools.Engines.Protocols;

/// <summary>
/// What one call to <see cref="ServerProtocol.Process"/> did: input bytes consumed, output bytes written,
/// requests answered, and whether the connection must close once the output is sent.
/// </summary>
public readonly record struct ProtocolStep(int Consumed, int Written, int Requests, bool CloseAfterWrite);
