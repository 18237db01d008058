using System.Buffers;
using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.EventLoop;

namespace AsyncIoTools.Engines.Reactor;

/// <summary>
/// One connection of a reactor loop: its socket, readiness interest, and what the socket would not take yet
/// (output, a file body). Its protocol is its <see cref="Machine"/>. Objects live in the loop's slot table and are
/// reused, so a new connection costs only its socket handle; output kept for a full socket is rented and returned.
/// </summary>
internal sealed class ReactorConnection
{
    public ReactorConnection() => Machine = new ConnectionMachine { Owner = this };

    public ConnectionMachine Machine { get; }

    public NativeSocket? Socket;

    public int Slot;

    /// <summary>Bumped on every reuse, and carried in the token, so a stale event for an old connection is ignored.</summary>
    public uint Generation;

    public IoEvents Interest;

    public byte[]? PendingOutput;
    public int PendingOutputOffset;
    public int PendingOutputLength;

    /// <summary>A file body still being sent after the pending output.</summary>
    public FileBody? File;

    /// <summary>The pipe a splice transfer is using; it may hold bytes of <see cref="File"/>.</summary>
    public NativePipe? Pipe;

    /// <summary>TCP_CORK is on for the response being sent.</summary>
    public bool Corked;

    /// <summary>What follows once the pending output and file are sent.</summary>
    public ConnectionNext AfterWrite;

    public bool WriteBlocked => PendingOutputLength > 0 || File is not null;

    public ulong Token => ((ulong)Generation << 32) | (uint)Slot;

    public void Reset(NativeSocket socket)
    {
        Socket = socket;
        Generation++;
        Interest = IoEvents.None;
        Corked = false;
        AfterWrite = ConnectionNext.Read;
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
