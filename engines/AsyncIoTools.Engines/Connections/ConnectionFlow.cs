using System.Buffers;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Connections;

/// <summary>
/// One connection served by a flow of control of its own (a blocking thread, an async loop), and the conversation
/// every such engine has — receive, let the machine answer, send, do what it says — written once over a few
/// primitives the engine supplies. A blocking engine's primitives complete synchronously, so the loop runs to its
/// end without yielding; an async engine's are awaited. The counters are the flow's own, and so, where the flow
/// keeps one thread, is its syscall tally.
/// </summary>
internal abstract class ConnectionFlow
{
    private const int BufferBytes = 16 * 1024;
    private const int TransferBytes = 64 * 1024;

    private byte[]? _transfer;

    protected ConnectionFlow(ServerRules rules, SocketTuning tuning)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Tuning = tuning;
        Machine = new ConnectionMachine { Owner = this };
        Machine.Open(rules, Counters, Environment.TickCount64);
    }

    public LoopCounters Counters { get; } = new();

    public ConnectionMachine Machine { get; }

    /// <summary>The tally of the flow's own thread; null for flows that hop between pool threads.</summary>
    public SyscallTally? Tally { get; protected set; }

    protected SocketTuning Tuning { get; }

    /// <summary>A buffer for copying a file body through user space, rented on first use and returned when the flow ends.</summary>
    protected Memory<byte> TransferBuffer => _transfer ??= ArrayPool<byte>.Shared.Rent(TransferBytes);

    /// <summary>Wakes the flow from a blocked receive or send so that it ends; safe from any thread, and after it ended.</summary>
    public abstract void Interrupt();

    /// <summary>The conversation, until the peer closes, a call fails, or the machine closes the connection.</summary>
    protected async ValueTask ServeAsync()
    {
        var input = ArrayPool<byte>.Shared.Rent(BufferBytes);
        var output = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            while (true)
            {
                var received = await ReceiveAsync(input);
                if (received <= 0)
                {
                    return; // The peer is done (whatever it asked was answered), it reset, or the server is stopping.
                }

                var step = Machine.Feed(input.AsSpan(0, received), output, Environment.TickCount64);
                while (true)
                {
                    if (step.HasOutput && !await RespondAsync(output.AsMemory(0, step.Written), step.SplitAt, step.File))
                    {
                        return;
                    }

                    if (step.Next != ConnectionNext.Answer)
                    {
                        break;
                    }

                    step = Machine.Resume(output, Environment.TickCount64);
                }

                if (step.Next == ConnectionNext.Close)
                {
                    return;
                }

                if (step.Next == ConnectionNext.Linger)
                {
                    ShutdownSend(); // The error answer is out; read on, the machine dropping what comes.
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
            if (_transfer is not null)
            {
                ArrayPool<byte>.Shared.Return(_transfer);
                _transfer = null;
            }
        }
    }

    /// <summary>Receives into <paramref name="buffer"/>; 0 or less when the peer closed, reset, or the flow was interrupted.</summary>
    protected abstract ValueTask<int> ReceiveAsync(Memory<byte> buffer);

    /// <summary>Sends all of <paramref name="data"/>; false if the peer is gone.</summary>
    protected abstract ValueTask<bool> SendAsync(ReadOnlyMemory<byte> data);

    /// <summary>Sends the whole body; false if the file could not be read whole or the peer is gone.</summary>
    protected abstract ValueTask<bool> SendFileAsync(FileBody body);

    protected abstract void SetCork(bool on);

    protected abstract void ShutdownSend();

    /// <summary>Sends a step's output (in two writes if the protocol split it, corked if asked) and its file body.</summary>
    private async ValueTask<bool> RespondAsync(ReadOnlyMemory<byte> output, int splitAt, FileBody? file)
    {
        using (file)
        {
            if (Tuning.Cork)
            {
                SetCork(true);
            }

            if (splitAt > 0)
            {
                if (!await SendAsync(output[..splitAt]))
                {
                    return false;
                }

                output = output[splitAt..];
            }

            if ((!output.IsEmpty && !await SendAsync(output)) || (file is not null && !await SendFileAsync(file)))
            {
                return false;
            }

            if (Tuning.Cork)
            {
                SetCork(false);
            }

            return true;
        }
    }
}
