using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Diagnostics.Tests.Hotspots;

/// <summary>The helper's retries while the target's heap cannot be walked (inside a garbage collection), without a target.</summary>
public sealed class HeapSnapshotRetryTests
{
    private static readonly HeapSnapshotOutcome Walked = new(0, 1_000, 3, []);

    [Fact]
    public void UntilWalkable_TwoTriesInsideACollection_AnswersTheThirdWithThePausesSummed()
    {
        var tries = new List<int>();

        var outcome = HeapSnapshotWorker.UntilWalkable("process 42 (app)", TimeSpan.FromMinutes(1), attempt =>
        {
            tries.Add(attempt);
            return (attempt < 3 ? null : Walked, TimeSpan.FromMilliseconds(10 * attempt), attempt < 3 ? "the runtime's flag said mid-collection" : null);
        });

        Assert.Equal([1, 2, 3], tries);
        Assert.Equal(1_000, outcome.Scanned);
        Assert.Equal(60, outcome.PauseMilliseconds, precision: 6);
    }

    [Fact]
    public void UntilWalkable_EveryTryRefused_FailsInOneLineNamingTheTriesAndWhatRefusedThem()
    {
        var tries = 0;

        var failure = Assert.Throws<AsyncIoToolsException>(() => HeapSnapshotWorker.UntilWalkable("process 42 (app)", TimeSpan.FromMilliseconds(30), _ =>
        {
            tries++;
            return (null, TimeSpan.FromMilliseconds(1), tries == 1 ? "a walk through 31% of the heap" : "the runtime's flag said mid-collection");
        }));

        Assert.Equal(FailureKind.RunFailed, failure.Kind);
        Assert.True(tries >= 2, $"{tries} tries");
        Assert.StartsWith($"the heap of process 42 (app) could not be walked any of the {tries} times it was suspended over ", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"(a walk through 31% of the heap ×1, the runtime's flag said mid-collection ×{tries - 1})", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("; a heap cannot be walked mid-collection: try again", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Theory]
    [InlineData(60_000, 5_000)]
    [InlineData(10_000, 5_000)]
    [InlineData(4_000, 2_000)]
    [InlineData(1, 0.5)]
    public void RetryBudget_HalfTheTimeoutAtMostFiveSeconds(double timeoutMilliseconds, double budgetMilliseconds)
    {
        // Within the caller's timeout the helper still names a target that was collecting garbage each time; past
        // it, the caller kills the helper and can only say the walk took too long.
        Assert.Equal(budgetMilliseconds, HeapSnapshotWorker.RetryBudget(TimeSpan.FromMilliseconds(timeoutMilliseconds)).TotalMilliseconds, precision: 6);
    }
}
