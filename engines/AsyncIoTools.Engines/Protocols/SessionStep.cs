namespace AsyncIoTools.Engines.Protocols;

/// <summary>
/// What one <see cref="ProtocolSession.Step"/> did and asks of the engine: <see cref="Requests"/> answered in
/// <see cref="Written"/> bytes of output to send; then close (after a rejected request: <see cref="Linger"/>
/// first), or read more input when <see cref="NeedsInput"/>, or step again.
/// </summary>
/// <param name="SplitAt">When positive, send the output as two writes, [0, SplitAt) then the rest.</param>
/// <param name="File">A file body to send after the output; the engine owns it from here and disposes it.</param>
public readonly record struct SessionStep(int Written, int Requests, bool Close, bool Linger, bool NeedsInput, int SplitAt = 0, FileBody? File = null);
