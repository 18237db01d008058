using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.EventLoop;

/// <summary>
/// A loop's pipes for splice transfers, kept empty between bodies: creating one costs pipe2 and a resize, so a
/// connection takes one for its first spliced body and gives it back when the body is done.
/// </summary>
internal sealed class SparePipes : IDisposable
{
    private readonly Stack<NativePipe> _pipes = new();

    private readonly int _pipeBytes;

    /// <param name="pipeBytes">The capacity each new pipe asks for (F_SETPIPE_SZ); the kernel's 64 KiB unless told.</param>
    public SparePipes(int pipeBytes = 1 << 16) => _pipeBytes = pipeBytes;

    public NativePipe Take() => _pipes.TryPop(out var pipe) ? pipe : NativePipe.Create(_pipeBytes);

    /// <summary>Keeps an empty pipe; one still holding bytes of an abandoned body is closed (only reading empties a pipe).</summary>
    public void Return(NativePipe pipe)
    {
        if (pipe.Buffered == 0)
        {
            _pipes.Push(pipe);
        }
        else
        {
            pipe.Dispose();
        }
    }

    public void Dispose()
    {
        while (_pipes.TryPop(out var pipe))
        {
            pipe.Dispose();
        }
    }
}
