using System.Buffers;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.EventLoop;

/// <summary>
/// One connection of a reactor loop. Objects live in the loop's slot table and are reused, so a new connection
/// costs only its socket handle; the rare buffers (a split request head, output the socket would not take) are
/// rented and returned.
/// </summary>
internal sealed class ReactorConnection
{
    public NativeSocket? Socket;

    public int Slot;

    /// <summary>Bumped on every reuse, and carried in the token, so a stale event for an old connection is ignored.</summary>
    public uint Generation;

    public IoEvents Interest;

    /// <summary>The protocol's per-connection state.</summary>
    public long ProtocolState;

    public byte[]? PendingInput;
    public int PendingInputLength;

    public byte[]? PendingOutput;
    public int PendingOutputOffset;
    public int PendingOutputLength;

    /// <summary>A file body still being sent after the pending output.</summary>
    public FileBody? File;

    /// <summary>The pipe a splice transfer is using; it may hold bytes of <see cref="File"/>.</summary>
    public NativePipe? Pipe;

    /// <summary>TCP_CORK is on for the response being sent.</summary>
    public bool Corked;

    /// <summary>Close once the pending output is sent.</summary>
    public bool CloseAfterWrite;

    /// <summary>Linger (rather than close at once) when the pending output is sent: it answers a rejected request.</summary>
    public bool LingerAfterWrite;

    /// <summary>After a rejected request: the write side is shut and input is read and dropped until the peer closes.</summary>
    public bool Lingering;

    public long LingerBytes;

    public bool WriteBlocked => PendingOutputLength > 0 || File is not null;

    public ulong Token => ((ulong)Generation << 32) | (uint)Slot;

    public void Reset(NativeSocket socket)
    {
        Socket = socket;
        Generation++;
        Interest = IoEvents.None;
        ProtocolState = 0;
        CloseAfterWrite = false;
        Corked = false;
        LingerAfterWrite = false;
        Lingering = false;
        LingerBytes = 0;
    }

    public void KeepInput(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            ReleaseInput();
            return;
        }

        if (PendingInput is null || PendingInput.Length < input.Length)
        {
            ReleaseInput();
            PendingInput = ArrayPool<byte>.Shared.Rent(input.Length);
        }

        input.CopyTo(PendingInput);
        PendingInputLength = input.Length;
    }

    public void ReleaseInput()
    {
        if (PendingInput is not null)
        {
            ArrayPool<byte>.Shared.Return(PendingInput);
            PendingInput = null;
        }

        PendingInputLength = 0;
    }

    /// <summary>Keeps output the socket would not take, after any output already kept.</summary>
    public void KeepOutput(ReadOnlySpan<byte> output)
    {
        var kept = PendingOutputLength;
        var buffer = ArrayPool<byte>.Shared.Rent(kept + output.Length);
        PendingOutput.AsSpan(PendingOutputOffset, kept).CopyTo(buffer);
        output.CopyTo(buffer.AsSpan(kept));
        ReleaseOutput();
        PendingOutput = buffer;
        PendingOutputOffset = 0;
        PendingOutputLength = kept + output.Length;
    }

    /// <summary>Ends the file transfer: the body is closed, the pipe returned (empty or not, it is done with).</summary>
    public void ReleaseFile(SparePipes spare)
    {
        File?.Dispose();
        File = null;
        if (Pipe is { } pipe)
        {
            spare.Return(pipe);
            Pipe = null;
        }
    }

    public void ReleaseOutput()
    {
        if (PendingOutput is not null)
        {
            ArrayPool<byte>.Shared.Return(PendingOutput);
            PendingOutput = null;
        }

        PendingOutputOffset = 0;
        PendingOutputLength = 0;
    }
}
