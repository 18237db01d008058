using AsyncIoTools.Diagnostics.Hotspots;
using Microsoft.Diagnostics.Runtime;

namespace AsyncIoTools.Diagnostics.Tests.Hotspots;

/// <summary>The walk's own checks on a live heap: what it reaches, and the rooted objects it finds there.</summary>
[Collection(LiveTargets.Name)]
public sealed class AsyncHeapWalkerTests
{
    [Fact]
    public void Walk_LiveTarget_HasEveryRootedObjectInsideWhatItWalked_AndNotWhenTheSmallObjectsAreLeftOut()
    {
        // Not this test host's child (a shell's, which waits for it): .NET's reaping of its own children would take
        // the ptrace stops meant for ClrMD (see HeapSnapshotProcessTests). The shell hands the target its stdin.
        using var target = TargetApp.StartVia("sh", ["-c", "exec 3<&0; \"$0\" --mode none <&3 3<&- & wait", TargetApp.TargetBinary("AsyncIoTools.LagTarget", "net10.0")]);

        var (whole, partial) = WalkTwice(target.ProcessId);

        Assert.Null(whole.Refusal);
        Assert.True(whole.RootsChecked > 100, $"{whole.RootsChecked} rooted objects checked");
        Assert.Equal(0, whole.RootsOutside);
        Assert.Equal(whole.RootsChecked, partial.RootsChecked);
        Assert.True(partial.RootsOutside > whole.RootsChecked / 4, $"{partial.RootsOutside} of {partial.RootsChecked} rooted objects outside the walk without small objects");
        Assert.Equal(0, partial.SmallObjectsScanned);
        Assert.True(target.Ask("stats").TryGetProperty("completed", out _), "the target answers once detached");
    }

    /// <summary>Both walks in one suspension, once the heap is walkable (the target may be stopped inside a collection).</summary>
    private static (HeapWalkSummary Whole, HeapWalkSummary Partial) WalkTwice(int processId)
    {
        for (var attempt = 1; attempt <= 40; attempt++)
        {
            using (var dataTarget = DataTarget.AttachToProcess(processId, suspend: true))
            {
                using var runtime = dataTarget.ClrVersions[0].CreateRuntime();
                if (runtime.Heap.CanWalkHeap)
                {
                    var whole = new AsyncHeapWalker();
                    whole.Walk(runtime.Heap);
                    if (whole.Summary.CorruptObject is null || attempt == 10)
                    {
                        var partial = new AsyncHeapWalker();
                        partial.Walk(runtime.Heap, leaveOut: AsyncHeapWalker.HoldsSmallObjects);
                        return (whole.Summary, partial.Summary);
                    }
                }
            }

            Thread.Sleep(50);
        }

        throw new Xunit.Sdk.XunitException($"the heap of process {processId} was mid-collection at each of 40 suspensions");
    }
}
