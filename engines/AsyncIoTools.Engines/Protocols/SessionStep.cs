namespace AsyncIoTools.Engines.Protocols;

/// <summary>
/// What one <see cref="ProtocolSession.Step"/> did and asks of the engine: <see cref="Requests"/> answered in
/// <see cref="Written"/> bytes of output to send; then close (after a rejected request: <see cref="Linger"/>
/// first), or read more input when <see cref="NeedsInput"/>, or step again.
/// </summary>
public readonly record struct SessionStep(int Written, int Requests, bool Close, bool Linger, bool NeedsInput);
