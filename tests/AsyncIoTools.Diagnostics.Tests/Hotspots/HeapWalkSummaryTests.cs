using AsyncIoTools.Diagnostics.Hotspots;

namespace AsyncIoTools.Diagnostics.Tests.Hotspots;

/// <summary>Which walks of a suspended heap a snapshot refuses (and tries again), from what each reached.</summary>
public sealed class HeapWalkSummaryTests
{
    [Fact]
    public void Refusal_WholeWalk_IsNone()
    {
        Assert.Null(new HeapWalkSummary(Scanned: 290_000, SmallObjectsScanned: 288_850, Coverage: 0.999, CorruptObject: null, RootsChecked: 420, RootsOutside: 0).Refusal);
    }

    [Fact]
    public void Refusal_NoSmallObjectReached_Refuses()
    {
        // The small-object segments listed, with no object reached in them: checked before the roots.
        var summary = new HeapWalkSummary(Scanned: 1_064, SmallObjectsScanned: 0, Coverage: 1, CorruptObject: null, RootsChecked: 420, RootsOutside: 3);

        Assert.Equal("a walk that reached no small object", summary.Refusal);
    }

    [Fact]
    public void Refusal_WalkEndedEarly_RefusesWithTheShareWalked()
    {
        var summary = new HeapWalkSummary(Scanned: 4_096, SmallObjectsScanned: 2_900, Coverage: 0.0312, CorruptObject: null, RootsChecked: 420, RootsOutside: 400);

        Assert.Equal("a walk through 3 % of the heap", summary.Refusal);
    }

    [Fact]
    public void Refusal_UnreadableObject_NamesItBeforeAnyOtherCheck()
    {
        var summary = new HeapWalkSummary(Scanned: 10, SmallObjectsScanned: 0, Coverage: 0.01, CorruptObject: "method table 0x1234, in a Generation0 segment", RootsChecked: 420, RootsOutside: 400);

        Assert.Equal("an object of no readable type (method table 0x1234, in a Generation0 segment)", summary.Refusal);
    }

    [Fact]
    public void Refusal_HalfTheHeapWalked_IsTheThresholdAndIsAccepted()
    {
        Assert.Null(new HeapWalkSummary(100_000, 99_000, HeapWalkSummary.MinimumCoverage, null, 420, 0).Refusal);
        Assert.NotNull(new HeapWalkSummary(100_000, 99_000, HeapWalkSummary.MinimumCoverage - 0.001, null, 420, 0).Refusal);
    }

    [Fact]
    public void Refusal_EverySegmentWalkedWholeButRootedObjectsOutside_Refuses()
    {
        // The segments listed were walked to their ends, yet threads' and statics' objects lie elsewhere.
        var summary = new HeapWalkSummary(Scanned: 1_018, SmallObjectsScanned: 150, Coverage: 1, CorruptObject: null, RootsChecked: 1_250, RootsOutside: 1_100);

        Assert.Equal("rooted objects outside the walked heap", summary.Refusal);
    }
}
