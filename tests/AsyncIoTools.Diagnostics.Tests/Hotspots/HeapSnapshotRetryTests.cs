using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Diagnostics.Tests.Hotspots;

/// <summary>The helper's retries while the target is inside a garbage collection, without a target.</summary>
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
            return (attempt < 3 ? null : Walked, TimeSpan.FromMilliseconds(10 * attempt));
        });

        Assert.Equal([1, 2, 3], tries);
        Assert.Equal(1_000, outcome.Scanned);
        Assert.Equal(60, outcome.PauseMilliseconds, precision: 6);
    }

    [Fact]
    public void UntilWalkable_EveryTryInsideACollection_FailsInOneLineNamingTheTries()
    {
        var tries = 0;

        var failure = Assert.Throws<AsyncIoToolsException>(() => HeapSnapshotWorker.UntilWalkable("process 42 (app)", TimeSpan.FromMilliseconds(30), _ =>
        {
            tries++;
            return (null, TimeSpan.FromMilliseconds(1));
        }));

        Assert.Equal(FailureKind.RunFailed, failure.Kind);
        Assert.True(tries >= 2, $"{tries} tries");
        Assert.StartsWith($"process 42 (app) was inside a garbage collection each of the {tries} times it was suspended over ", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("a heap cannot be walked mid-collection: try again", failure.Message, StringComparison.Ordinal);
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
