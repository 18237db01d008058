using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Tests.IoUring;

public sealed class IoUringRingTests
{
    [IoUringFact]
    public void Nop_SubmittedAndWaited_ComesBackWithItsUserData()
    {
        using var ring = IoUringRing.Create(new IoUringRingOptions { Entries = 8 });
        ring.PrepareNop(0x1234_5678_9abc_def0);
        ring.PrepareNop(42);
        ring.SubmitAndWait(2);

        var completions = new IoUringCompletion[8];
        var count = ring.Reap(completions);

        Assert.Equal(2, count);
        Assert.Equal([0x1234_5678_9abc_def0UL, 42UL], completions[..2].Select(c => c.UserData).Order().Reverse().ToArray());
        Assert.All(completions[..2], c => Assert.Equal(0, c.Result));
        Assert.Equal(0, ring.CompletionsReady);
    }

    [IoUringFact]
    public void Prepare_MoreThanTheQueueHolds_SubmitsToMakeRoomAndLosesNothing()
    {
        using var ring = IoUringRing.Create(new IoUringRingOptions { Entries = 4 });
        const int Requests = 50;
        for (var i = 0; i < Requests; i++)
        {
            ring.PrepareNop((ulong)i);
        }

        var seen = new List<ulong>();
        var completions = new IoUringCompletion[8];
        for (var round = 0; round < 1000 && seen.Count < Requests; round++)
        {
            ring.SubmitAndWait(1);
            var count = ring.Reap(completions);
            seen.AddRange(completions[..count].Select(c => c.UserData));
        }

        Assert.Equal(Enumerable.Range(0, Requests).Select(i => (ulong)i), seen.Order());
    }

    [IoUringFact]
    public void SubmitAndWait_OneRequest_IsOneWaitingEnter()
    {
        using var ring = IoUringRing.Create(new IoUringRingOptions { Entries = 8 });
        var tally = SyscallTally.Current;
        var waits = tally[SyscallKind.Wait];
        var enters = tally[SyscallKind.Enter];

        ring.PrepareNop(1);
        ring.SubmitAndWait(1);

        Assert.Equal(waits + 1, tally[SyscallKind.Wait]);
        Assert.Equal(enters, tally[SyscallKind.Enter]);
    }

    [IoUringFact]
    public void SubmitAndWait_CompletionAlreadyQueued_MakesNoSyscall()
    {
        using var ring = IoUringRing.Create(new IoUringRingOptions { Entries = 8 });
        ring.PrepareNop(1);
        ring.Submit();
        var tally = SyscallTally.Current;
        var before = tally[SyscallKind.Wait] + tally[SyscallKind.Enter];

        ring.SubmitAndWait(1);

        Assert.Equal(before, tally[SyscallKind.Wait] + tally[SyscallKind.Enter]);
        Assert.Equal(1, ring.CompletionsReady);
    }

    [IoUringFact]
    public void SubmitAndWait_NothingCompletes_ReturnsAfterTheTimeout()
    {
        using var ring = IoUringRing.Create(new IoUringRingOptions { Entries = 8 });

        ring.SubmitAndWait(1, timeoutMilliseconds: 10);

        Assert.Equal(0, ring.CompletionsReady);
    }

    [IoUringFact]
    public void Read_OfAnEventSignal_CompletesWhenSignalled()
    {
        using var ring = IoUringRing.Create(new IoUringRingOptions { Entries = 8 });
        using var signal = EventSignal.Create();
        using var buffer = NativeBuffer.Allocate(8);
        ring.PrepareRead(signal, buffer, 0, 7);
        ring.SubmitAndWait(1, timeoutMilliseconds: 20);
        Assert.Equal(0, ring.CompletionsReady);

        signal.Signal();
        ring.SubmitAndWait(1, timeoutMilliseconds: 10_000);

        var completions = new IoUringCompletion[1];
        Assert.Equal(1, ring.Reap(completions));
        Assert.Equal(7UL, completions[0].UserData);
        Assert.Equal(8, completions[0].Result);
    }
}
