using System.Buffers;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.Connections;

/// <summary>
/// One connection's side of the conversation, the same whichever engine moves its bytes. The engine feeds it what
/// it received and gives it an output buffer; the machine answers the complete requests (parse, respond,
/// keep-alive, pipelining), holds what cannot be answered yet, and says what follows the output: read, answer more,
/// close, or linger after an error answer. It keeps the connection's deadline for the phase it is in (the head
/// timeout while a head comes, keep-alive while idle, the minimum rate while a body comes), which a
/// <see cref="DeadlineWheel"/> watches, and counts requests, bytes in and closes for limits. Received bytes are
/// answered where they lie; only what is left unanswered is copied, into a buffer rented while it is held.
/// Objects are reused: <see cref="Open"/> starts a new connection.
/// </summary>
internal sealed class ConnectionMachine
{
    /// <summary>After an error answer: input read and dropped before giving up on the peer's close.</summary>
    public const long LingerLimitBytes = 1 << 20;

    /// <summary>After an error answer: how long the peer has to close (nginx's lingering_timeout).</summary>
    public const long LingerMilliseconds = 5000;

    private ServerRules _rules = null!;
    private LoopCounters _counters = null!;
    private byte[]? _held;
    private int _heldStart;
    private int _heldLength;
    private long _state;
    private RequestPhase _phase;
    private long _phaseStart;
    private long _bodyReceived;
    private long _lingered;
    private long _deadline;
    private int _pendingExpiry = -1;

    /// <summary>The engine's object for this connection, for whoever finds the machine in a wheel.</summary>
    public object? Owner { get; set; }

    /// <summary>An error was answered: what comes now is dropped (see <see cref="ConnectionNext.Linger"/>).</summary>
    public bool Lingering { get; private set; }

    /// <summary>Input received and not answered yet (a split head, or requests waiting for room to answer them).</summary>
    public bool HasHeldInput => _heldLength > 0;

    /// <summary>When the connection's current phase runs out (Environment.TickCount64 milliseconds); read by another thread's wheel.</summary>
    public long Deadline => Volatile.Read(ref _deadline);

    /// <summary>Set by the wheel that expired this connection; <see cref="Close"/> counts it on the connection's own thread.</summary>
    public LimitReason? PendingExpiry
    {
        get => Volatile.Read(ref _pendingExpiry) is var reason and >= 0 ? (LimitReason)reason : null;
        set => Volatile.Write(ref _pendingExpiry, value is { } reason ? (int)reason : -1);
    }

    internal ConnectionMachine? WheelNext { get; set; }

    internal ConnectionMachine? WheelPrevious { get; set; }

    /// <summary>The wheel slot this machine is filed under; -1 when in none.</summary>
    internal int WheelSlot { get; set; } = -1;

    /// <summary>Starts a new connection at <paramref name="now"/>; its counts go into <paramref name="counters"/>.</summary>
    public void Open(ServerRules rules, LoopCounters counters, long now)
    {
        _rules = rules;
        _counters = counters;
        ReleaseHeld();
        _state = 0;
        _bodyReceived = 0;
        _lingered = 0;
        Lingering = false;
        PendingExpiry = null;
        _phase = rules.Protocol.OpeningPhase;
        _phaseStart = now;
        Volatile.Write(ref _deadline, _phase == RequestPhase.Head ? now + rules.HeadTimeoutMilliseconds : now + rules.KeepAliveMilliseconds);
    }

    /// <summary>Counts from here into <paramref name="counters"/>: the worker now handling the connection's (IOCP workers are interchangeable).</summary>
    public void CountInto(LoopCounters counters) => _counters = counters;

    /// <summary>
    /// Answers what <paramref name="received"/> completes (after any input held) into <paramref name="output"/>,
    /// which must offer at least <see cref="ServerProtocol.MinimumOutputSpace"/> bytes for anything to be answered.
    /// </summary>
    public ConnectionStep Feed(ReadOnlySpan<byte> received, Span<byte> output, long now)
    {
        _counters.BytesIn += received.Length;
        if (Lingering)
        {
            _lingered += received.Length;
            return new ConnectionStep(0, _lingered > LingerLimitBytes ? ConnectionNext.Close : ConnectionNext.Read);
        }

        if (_phase == RequestPhase.Body)
        {
            _bodyReceived += received.Length;
        }

        if (_heldLength > 0)
        {
            Keep(received);
            return Resume(output, now);
        }

        var (step, consumed, answered) = Drive(received, output);
        if (step.Next is ConnectionNext.Read or ConnectionNext.Answer && consumed < received.Length)
        {
            Keep(received[consumed..]);
        }

        return Settle(step, answered, now);
    }

    /// <summary>Answers the input held, once the engine has sent what the last step wrote (its next was <see cref="ConnectionNext.Answer"/>).</summary>
    public ConnectionStep Resume(Span<byte> output, long now)
    {
        var (step, consumed, answered) = Drive(_held.AsSpan(_heldStart, _heldLength), output);
        _heldStart += consumed;
        _heldLength -= consumed;
        if (_heldLength == 0)
        {
            ReleaseHeld();
        }

        return Settle(step, answered, now);
    }

    /// <summary>Keeps <paramref name="received"/> unanswered: the engine has no room for answers now and resumes later.</summary>
    public void Hold(ReadOnlySpan<byte> received)
    {
        _counters.BytesIn += received.Length;
        if (Lingering)
        {
            _lingered += received.Length;
            return;
        }

        if (_phase == RequestPhase.Body)
        {
            _bodyReceived += received.Length;
        }

        Keep(received);
    }

    /// <summary>A response moved on (a partial send, a file chunk): it may take as long again as the keep-alive timeout.</summary>
    public void Progress(long now)
    {
        var extended = now + _rules.KeepAliveMilliseconds;
        if (extended > Volatile.Read(ref _deadline))
        {
            Volatile.Write(ref _deadline, extended);
        }
    }

    /// <summary>
    /// Called by the wheel once <see cref="Deadline"/> has passed: the limit the connection broke, or null when a
    /// body is still coming fast enough on average (the deadline then moves to when it no longer would be).
    /// </summary>
    public LimitReason? Expire(long now)
    {
        if (Lingering)
        {
            return LimitReason.LingerTimeout;
        }

        switch (_phase)
        {
            case RequestPhase.Head:
                return LimitReason.HeadTimeout;
            case RequestPhase.Body when _rules.MinReceiveRate > 0:
                var elapsed = now - _phaseStart;
                var received = Volatile.Read(ref _bodyReceived);
                if (elapsed >= _rules.GraceMilliseconds && received * 1000 < _rules.MinReceiveRate * elapsed)
                {
                    return LimitReason.MinReceiveRate;
                }

                var behind = _phaseStart + Math.Max(_rules.GraceMilliseconds, received * 1000 / _rules.MinReceiveRate);
                Volatile.Write(ref _deadline, Math.Max(now + DeadlineWheel.TickMilliseconds, behind));
                return null;
            default:
                return LimitReason.KeepAliveTimeout;
        }
    }

    /// <summary>The connection is closing: drops what is held and counts the limit that expired it, if one did.</summary>
    public void Close()
    {
        ReleaseHeld();
        if (PendingExpiry is { } reason)
        {
            _counters.CountLimit(reason);
            PendingExpiry = null;
        }
    }

    /// <summary>Lets the protocol answer as much of <paramref name="input"/> as the output has room for.</summary>
    private (ConnectionStep Step, int Consumed, int Answered) Drive(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var protocol = _rules.Protocol;
        var consumed = 0;
        var written = 0;
        var splitAt = 0;
        var answered = 0;
        FileBody? file = null;
        ConnectionNext next;
        while (true)
        {
            if (consumed == input.Length)
            {
                next = ConnectionNext.Read;
                break;
            }

            if (output.Length - written < ServerProtocol.MinimumOutputSpace)
            {
                next = ConnectionNext.Answer;
                break;
            }

            var step = protocol.Process(input[consumed..], output[written..], ref _state);
            if (step.SplitAt > 0)
            {
                splitAt = written + step.SplitAt;
            }

            consumed += step.Consumed;
            written += step.Written;
            answered += step.Requests;
            if (step.Limit is { } limit)
            {
                _counters.CountLimit(limit);
            }

            if (step.CloseAfterWrite)
            {
                file = step.File;
                next = step.Rejected ? ConnectionNext.Linger : ConnectionNext.Close;
                break;
            }

            if (step.File is not null || splitAt > 0)
            {
                // A body, or the two writes of a split answer, go out before anything more is answered.
                file = step.File;
                next = consumed == input.Length ? ConnectionNext.Read : ConnectionNext.Answer;
                break;
            }

            if (step.Consumed == 0 && step.Written == 0)
            {
                next = ConnectionNext.Read; // Part of a request: it waits for the rest.
                break;
            }
        }

        _counters.Requests += answered;
        return (new ConnectionStep(written, next, splitAt, file), consumed, answered);
    }

    /// <summary>After a step: the input to keep, and the phase and deadline the connection is in now.</summary>
    private ConnectionStep Settle(ConnectionStep step, int answered, long now)
    {
        switch (step.Next)
        {
            case ConnectionNext.Close:
                ReleaseHeld();
                return step;
            case ConnectionNext.Linger:
                ReleaseHeld();
                Lingering = true;
                Volatile.Write(ref _deadline, now + LingerMilliseconds);
                return step;
            case ConnectionNext.Read when _heldLength > _rules.Protocol.MaxPendingInput:
                // The protocol could not decide within its own limit: a protocol bug, not the peer's.
                ReleaseHeld();
                return step with { Next = ConnectionNext.Close };
        }

        var phase = _rules.Protocol.PhaseOf(_state, _heldLength);
        if (phase != _phase || answered > 0)
        {
            // A new phase, or a new request's: its clock starts now. A head that trickles in keeps its start.
            _phaseStart = now;
            _bodyReceived = 0;
        }

        _phase = phase;
        Volatile.Write(ref _deadline, phase switch
        {
            RequestPhase.Head => _phaseStart + _rules.HeadTimeoutMilliseconds,
            RequestPhase.Body when _rules.MinReceiveRate > 0 => _phaseStart + _rules.GraceMilliseconds,
            _ => now + _rules.KeepAliveMilliseconds,
        });
        return step;
    }

    private void Keep(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var needed = _heldLength + input.Length;
        if (_held is null || _held.Length < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 2 * _heldLength));
            _held?.AsSpan(_heldStart, _heldLength).CopyTo(larger);
            if (_held is not null)
            {
                ArrayPool<byte>.Shared.Return(_held);
            }

            _held = larger;
            _heldStart = 0;
        }
        else if (_heldStart + needed > _held.Length)
        {
            _held.AsSpan(_heldStart, _heldLength).CopyTo(_held);
            _heldStart = 0;
        }

        input.CopyTo(_held.AsSpan(_heldStart + _heldLength));
        _heldLength = needed;
    }

    private void ReleaseHeld()
    {
        if (_held is not null)
        {
            ArrayPool<byte>.Shared.Return(_held);
            _held = null;
        }

        _heldStart = 0;
        _heldLength = 0;
    }
}
