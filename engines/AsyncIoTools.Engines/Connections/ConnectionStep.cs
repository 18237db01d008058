using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.Connections;

/// <summary>
/// What one call to the machine produced: <see cref="Written"/> bytes at the start of the output buffer, sent as two
/// writes when <see cref="SplitAt"/> is positive ([0, SplitAt) then the rest), then <see cref="File"/> if any (the
/// engine owns it from here and disposes it), then <see cref="Next"/>.
/// </summary>
internal readonly record struct ConnectionStep(int Written, ConnectionNext Next, int SplitAt = 0, FileBody? File = null)
{
    /// <summary>Something to send: output bytes or a file body.</summary>
    public bool HasOutput => Written > 0 || File is not null;
}
