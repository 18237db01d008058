using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Protocols;

/// <summary>A file (or its remainder) a response still has to send; whoever holds it disposes it.</summary>
internal sealed class FileBody : IDisposable
{
    public FileBody(NativeFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        File = file;
        Remaining = file.Length;
    }

    public NativeFile File { get; }

    /// <summary>Offset of the next byte to send; the transfer calls advance it in place (by ref).</summary>
#pragma warning disable CA1051 // Passed by ref to sendfile/splice, which advance it; a property cannot be.
    internal long Offset;
#pragma warning restore CA1051

    public long Position => Offset;

    public long Remaining { get; private set; }

    public void Advance(long bytes)
    {
        Remaining -= bytes;
    }

    public void Dispose() => File.Dispose();
}
