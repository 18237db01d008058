using AsyncIoTools.Processes;
using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.IoUring;

/// <summary>
/// One io_uring loop thread. Each iteration is one io_uring_enter that submits every request prepared since
/// the last one and waits for a completion; then all completions in the mapped queue are handled, which
/// prepares the next requests in place. The ring is made on the loop thread itself, as SINGLE_ISSUER wants. The
/// clock is read once per iteration; deadlines are looked at when the loop's wheel comes due.
/// </summary>
internal sealed partial class IoUringLoop : LoopWorker
{
    private const int RingEntries = 4096;
    private const int CompletionBatch = 1024;
    private const int BufferRingEntries = 1024;
    private const int StopDrainMilliseconds = 2000;
    private const ushort BufferGroup = 0;

    private static readonly ulong s_acceptToken = new IoUringToken(IoUringTokenKind.Accept, 0, 0).Value;
    private static readonly ulong s_wakeToken = new IoUringToken(IoUringTokenKind.Wake, 0, 0).Value;
    private static readonly ulong s_cancelAcceptToken = new IoUringToken(IoUringTokenKind.CancelAccept, 0, 0).Value;

    private readonly IoUringVariant _variant;
    private readonly ServerRules _rules;
    private readonly (SocketOption Option, int Value)[] _options; // An array: a foreach over the interface boxed an enumerator per connection.
    private readonly NativeSocket? _listener;
    private readonly SocketRecycler _recycler = new();
    private readonly bool _multishotAccept;
    private readonly bool _multishotReceive;
    private readonly bool _direct;
    private readonly bool _zeroCopy;
    private readonly bool _cork;
    private readonly bool _quietSends;
    private readonly Queue<(IoUringConnection Connection, uint Position)> _quiet = new();
    private readonly EventSignal _wake = EventSignal.Create();
    private readonly HandOffQueue _handedOver;
    private readonly HandOffRing<IoUringLoop> _handOff = new();
    private readonly AcceptPause _acceptPause = new();
    private readonly List<ConnectionMachine> _expired = [];
    private readonly NativeBuffer _wakeBuffer = NativeBuffer.Allocate(sizeof(ulong));
    private readonly ConnectionSlots<IoUringConnection> _connections = new();
    private readonly ChunkPool _chunks = new(ChunkPool.OutputChunkBytes, 64);
    private readonly IoUringCompletion[] _completions = new IoUringCompletion[CompletionBatch];
    private IoUringRing? _ring;
    private IoUringBufferRing? _buffers;
    private DeadlineWheel _wheel = new(Environment.TickCount64);
    private long _now;
    private bool _accepting;
    private bool _wakeArmed;
    private volatile bool _stopping;

    /// <param name="handOff">Connections move between loops, so they must be plain descriptors, not fixed files of one ring.</param>
    public IoUringLoop(string threadName, IoUringVariant variant, ServerRules rules, SocketTuning tuning, FileTransfer transfer, NativeSocket? listener, bool handOff)
        : base(threadName)
    {
        _variant = variant;
        _rules = rules;
        _options = [.. tuning.ConnectionOptions()];
        _listener = listener;
        _multishotAccept = variant.Features.HasFlag(IoUringFeatures.MultishotAccept);
        _multishotReceive = variant.Features.HasFlag(IoUringFeatures.MultishotReceive);
        _direct = variant.Features.HasFlag(IoUringFeatures.RegisteredFiles) && !handOff;
        _zeroCopy = variant.Features.HasFlag(IoUringFeatures.ZeroCopySend);
        _cork = tuning.Cork;

        // Only where a send is made inside the enter that submits it: not by an SQPOLL thread, not as a zero-copy
        // send (whose buffer the kernel keeps until its notification).
        _quietSends = variant.Features.HasFlag(IoUringFeatures.QuietSend)
            && !variant.Features.HasFlag(IoUringFeatures.SubmissionPolling) && !_zeroCopy;
        _splice = transfer == FileTransfer.Splice;
        _handedOver = new HandOffQueue(_wake);
    }

    private IoUringRing Ring => _ring!;

    /// <summary>The loops this one's listener feeds in turn (itself included); empty: it keeps what it accepts.</summary>
    public void HandOffTo(IoUringLoop[] peers) => _handOff.Set(peers);

    public override void RequestStop()
    {
        _stopping = true;
        _wake.Signal();
    }

    /// <summary>Gives this loop a connection accepted by another loop; safe from any thread.</summary>
    public void HandOver(NativeSocket socket) => _handedOver.Add(socket);

    public override void Run()
    {
        _now = Environment.TickCount64;
        _wheel = new DeadlineWheel(_now);
        try
        {
            _ring = IoUringRing.Create(RingOptions());
            if (_multishotReceive)
            {
                _buffers = Ring.RegisterBufferRing(BufferGroup, BufferRingEntries, ChunkPool.OutputChunkBytes);
            }

            if (_direct)
            {
                Ring.RegisterSparseFiles(FixedFileSlots());
            }

            ArmWake();
            ArmAccept();
            while (!_stopping)
            {
                // Sleeping is safe unless finishing a quiet send starts work a peer waits for.
                Ring.SubmitAndWait(_quiet.Count > 0 && QuietSendsAwaitFinish() ? 0 : 1, WaitTimeout());
                var submitted = Ring.SubmittedUpTo;
                _now = Environment.TickCount64;
                Counters.LoopIterations++;
                HandleCompletions();
                FinishQuietSends(submitted);
                ResumeAcceptingWhenDue();
                if (_wheel.IsDue(_now))
                {
                    CloseExpired();
                }
            }
        }
        finally
        {
            Shutdown();
        }
    }

    private IoUringRingOptions RingOptions()
    {
        var flags = _variant.SetupFlags;
        var cpu = 0;
        if (flags.HasFlag(IoUringSetup.SubmissionQueuePolling) && CpuAffinity.OfCurrentThread() is [var only])
        {
            // A loop pinned to one CPU keeps its polling thread there too, so the server's CPU stays its own.
            flags |= IoUringSetup.PollingThreadAffinity;
            cpu = only;
        }

        return new IoUringRingOptions { Entries = RingEntries, CompletionEntries = RingEntries * 4, Flags = flags, PollingThreadCpu = cpu };
    }

    private static int FixedFileSlots() =>
        (int)Math.Clamp(ResourceLimits.GetOpenFiles().Soft, 64, Math.Min(1 << 20, IoUringToken.MaxSlot));

    /// <summary>Handles every completion in the queue; returns how many.</summary>
    private int HandleCompletions()
    {
        var total = 0;
        int count;
        while ((count = Ring.Reap(_completions)) > 0)
        {
            total += count;
            for (var i = 0; i < count; i++)
            {
                Dispatch(in _completions[i]);
            }

            if (count < _completions.Length)
            {
                break;
            }
        }

        Counters.EventsReturned += total;

        // Buffers handed back by this batch become the kernel's again before the next enter.
        _buffers?.Publish();
        return total;
    }

    private void Dispatch(in IoUringCompletion completion)
    {
        var token = IoUringToken.FromValue(completion.UserData);
        switch (token.Kind)
        {
            case IoUringTokenKind.Accept:
                OnAccepted(completion);
                return;
            case IoUringTokenKind.Wake:
                OnWake();
                return;
            case IoUringTokenKind.CancelAccept:
                return;
            case IoUringTokenKind.Close:
                _closesInFlight--; // The descriptor or fixed slot is gone; its connection was freed when the close was prepared.
                return;
        }

        var connection = _connections[token.Slot];
        var zeroCopy = token.Kind is IoUringTokenKind.SendZeroCopy or IoUringTokenKind.FileSendZeroCopy;
        if (connection is null || (!zeroCopy && connection.Generation != token.Tag))
        {
            throw new InvalidOperationException($"a completion for no connection: {completion}");
        }

        switch (token.Kind)
        {
            case IoUringTokenKind.Receive:
                OnReceived(connection, completion);
                break;
            case IoUringTokenKind.Send:
            case IoUringTokenKind.SendZeroCopy:
                OnSent(connection, completion, (int)token.Tag);
                break;
            case IoUringTokenKind.FileRead:
                OnFileRead(connection, completion);
                break;
            case IoUringTokenKind.FileSend:
            case IoUringTokenKind.FileSendZeroCopy:
                OnFileSent(connection, completion, (int)token.Tag);
                break;
            case IoUringTokenKind.SpliceIn:
                OnSplicedIn(connection, completion);
                break;
            case IoUringTokenKind.SpliceOut:
                OnSplicedOut(connection, completion);
                break;
            default:
                connection.InFlight--; // Cancel, shutdown, set-option: nothing to do but count them back.
                break;
        }

        FinishClosing(connection);
    }

    private void ArmAccept()
    {
        if (_listener is null || _accepting || _stopping || _acceptPause.Paused)
        {
            return;
        }

        Ring.PrepareAccept(_listener, s_acceptToken, _multishotAccept, _direct);
        _accepting = true;
    }

    private void OnAccepted(in IoUringCompletion completion)
    {
        if (!completion.HasMore)
        {
            _accepting = false;
        }

        if (!completion.Succeeded)
        {
            if (AcceptPolicy.PausesFor(completion.Error))
            {
                PauseAccepting();
            }
        }
        else if (_direct)
        {
            Adopt(null, completion.AcceptedFixedFile());
        }
        else
        {
            HandOut(completion.TakeAcceptedSocket(_recycler));
        }

        ArmAccept();
    }

    private void HandOut(NativeSocket socket)
    {
        if (_handOff.Next() is { } peer && peer != this)
        {
            peer.HandOver(socket);
            return;
        }

        Adopt(socket, IoUringFile.Of(socket));
    }

    private void PauseAccepting()
    {
        // Out of descriptors (or fixed slots): accepting again at once would fail the same way.
        _acceptPause.Begin(_now);
        if (_accepting)
        {
            Ring.PrepareCancel(s_acceptToken, s_cancelAcceptToken);
        }
    }

    private void ResumeAcceptingWhenDue()
    {
        if (_acceptPause.EndsBy(_now))
        {
            ArmAccept();
        }
    }

    private int WaitTimeout() => _acceptPause.WaitMilliseconds(_now, _wheel);

    private void ArmWake()
    {
        if (!_wakeArmed)
        {
            Ring.PrepareRead(_wake, _wakeBuffer, 0, s_wakeToken);
            _wakeArmed = true;
        }
    }

    private void OnWake()
    {
        _wakeArmed = false;
        while (_handedOver.TryTake(out var socket))
        {
            Adopt(socket, IoUringFile.Of(socket));
        }

        if (!_stopping)
        {
            ArmWake();
        }
    }

    private void Shutdown()
    {
        if (_ring is not null)
        {
            if (_accepting)
            {
                Ring.PrepareCancel(s_acceptToken, s_cancelAcceptToken);
            }

            foreach (var connection in _connections.InUse())
            {
                Close(connection);
                FinishClosing(connection);
            }

            // Let cancellations complete so that every connection's close is submitted before the ring goes.
            var deadline = Environment.TickCount64 + StopDrainMilliseconds;
            while ((_connections.Count > 0 || _accepting || _closesInFlight > 0) && Environment.TickCount64 < deadline)
            {
                Ring.SubmitAndWait(1, 50);
                var submitted = Ring.SubmittedUpTo;
                HandleCompletions();
                FinishQuietSends(submitted);
            }

            Ring.Submit();
        }

        _handedOver.Close();
        _buffers?.Dispose();
        _ring?.Dispose();
        ReleaseStragglers();
        _listener?.Dispose();
        DisposeFileResources();
        _chunks.Dispose();
    }

    /// <summary>
    /// Connections whose requests did not all come back before the stop deadline: the ring is gone (the kernel
    /// cancels what it still ran), so what they hold is closed here rather than left to finalizers.
    /// </summary>
    private void ReleaseStragglers()
    {
        foreach (var connection in _connections.InUse())
        {
            connection.Socket?.Dispose();
            connection.Socket = null;
            connection.Machine.Close();
            ReleaseBody(connection);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _wake.Dispose();
            _wakeBuffer.Dispose();
        }

        base.Dispose(disposing);
    }
}
