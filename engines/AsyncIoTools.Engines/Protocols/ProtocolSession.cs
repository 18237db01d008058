using System.Buffers;
using System.Numerics;

namespace AsyncIoTools.Engines.Protocols;

/// <summary>
/// A <see cref="ServerProtocol"/> over one stream connection, for engines that give each connection its own
/// flow and send with calls that take everything (blocking send, awaited SendAsync): the input not yet
/// answered, an output buffer, and what to do next. A split head stays in the input until its rest arrives;
/// pipelined requests are answered in turn. Buffers are rented for the connection's life and returned.
/// </summary>
public sealed class ProtocolSession : IDisposable
{
    /// <summary>After a rejected request, input read and dropped before giving up on the peer's close.</summary>
    public const long LingerLimitBytes = 1 << 20;

    private const int MinimumBufferBytes = 16 * 1024;

    private readonly ServerProtocol _protocol;
    private byte[] _input;
    private byte[] _output;
    private byte[]? _transfer;
    private int _start;
    private int _length;
    private long _state;

    public ProtocolSession(ServerProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        _protocol = protocol;

        // Room for the longest request the protocol may hold back before deciding, plus what the next read brings.
        var inputBytes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinimumBufferBytes, protocol.MaxPendingInput + 1));
        _input = ArrayPool<byte>.Shared.Rent(inputBytes);
        _output = ArrayPool<byte>.Shared.Rent(Math.Max(MinimumBufferBytes, ServerProtocol.MinimumOutputSpace));
    }

    /// <summary>Where the next receive writes.</summary>
    public Memory<byte> FreeInput => _input.AsMemory(_length);

    /// <summary>The input is full and the protocol has not decided: a protocol bug, not the peer's; close.</summary>
    public bool InputFull => _length == _input.Length;

    /// <summary>A buffer the size of the input, for reading and dropping what a lingering peer still sends.</summary>
    public Memory<byte> Scratch => _input;

    /// <summary>A buffer for copying a file body through user space (read, then write), rented on first use.</summary>
    public Memory<byte> TransferBuffer => _transfer ??= ArrayPool<byte>.Shared.Rent(MinimumBufferBytes * 4);

    /// <summary>Takes note of <paramref name="count"/> bytes received into <see cref="FreeInput"/>.</summary>
    public void Received(int count) => _length += count;

    /// <summary>Lets the protocol answer from the input held; the engine sends <see cref="Output"/> and acts on the step.</summary>
    public SessionStep Step()
    {
        var step = _protocol.Process(_input.AsSpan(_start, _length - _start), _output, ref _state);
        _start += step.Consumed;
        var needsInput = !step.CloseAfterWrite && ((step.Consumed == 0 && step.Written == 0) || _start == _length);
        if (needsInput)
        {
            // Keep only the unanswered tail, at the front, for the next receive to extend.
            _input.AsSpan(_start, _length - _start).CopyTo(_input);
            _length -= _start;
            _start = 0;
        }

        return new SessionStep(step.Written, step.Requests, step.CloseAfterWrite, step.Rejected, needsInput, step.SplitAt, step.File);
    }

    /// <summary>The response bytes a step wrote.</summary>
    public ReadOnlyMemory<byte> Output(SessionStep step) => _output.AsMemory(0, step.Written);

    public void Dispose()
    {
        if (_input.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_input);
            ArrayPool<byte>.Shared.Return(_output);
            _input = [];
            _output = [];
        }

        if (_transfer is not null)
        {
            ArrayPool<byte>.Shared.Return(_transfer);
            _transfer = null;
        }
    }
}
