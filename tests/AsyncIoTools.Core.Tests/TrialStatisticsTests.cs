using AsyncIoTools.Measurement;

namespace AsyncIoTools.Core.Tests;

public sealed class TrialStatisticsTests
{
    [Fact]
    public void Of_OddAndEvenCounts_GiveTheMedian()
    {
        Assert.Equal(3, TrialStatistics.Of([5, 1, 3]).Median);
        Assert.Equal(2.5, TrialStatistics.Of([4, 1, 3, 2]).Median);
    }

    [Fact]
    public void Of_TenTrials_UsesTheOrderStatisticIntervalForTheMedian()
    {
        // For n = 10 the distribution-free 95% interval is (x(2), x(9)): coverage 1 − 22/1024 ≈ 97.9%.
        var statistics = TrialStatistics.Of([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]);

        Assert.Equal("median-order-statistic", statistics.Method);
        Assert.Equal(2, statistics.Ci95Low);
        Assert.Equal(9, statistics.Ci95High);
    }

    [Fact]
    public void Of_ThreeTrials_UsesStudentT()
    {
        var statistics = TrialStatistics.Of([9, 10, 11]);

        Assert.Equal("mean-student-t", statistics.Method);
        Assert.Equal(10 - (4.303 / Math.Sqrt(3)), statistics.Ci95Low, 6);
        Assert.Equal(10 + (4.303 / Math.Sqrt(3)), statistics.Ci95High, 6);
        Assert.Equal(0.2, statistics.RelativeSpread, 6);
    }

    [Fact]
    public void Of_NoneOrOne_IsDegenerateButDefined()
    {
        Assert.Equal(0, TrialStatistics.Of([]).Trials);
        var one = TrialStatistics.Of([42]);
        Assert.Equal((42.0, 42.0, 42.0), (one.Median, one.Ci95Low, one.Ci95High));
    }
}
