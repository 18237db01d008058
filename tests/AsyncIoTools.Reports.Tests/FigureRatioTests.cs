using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Tests;

public sealed class FigureRatioTests
{
    [Fact]
    public void Of_Paired_IsTheMedianOfTheRatiosOfTrialsOfOneNumber_InAnyOrder_LeavingOutATrialOneSideLacks()
    {
        var top = Figure.FromTrials([(3, 9.0), (1, 4.0), (2, 6.0), (4, 100.0)]);
        var bottom = Figure.FromTrials([(1, 8.0), (2, 4.0), (3, 10.0)]);

        var ratio = FigureRatio.Of(top, bottom, pairTrials: true)!;

        // Trial 1: 0.5, trial 2: 1.5, trial 3: 0.9; trial 4 has no partner.
        Assert.Equal((0.9, 0.5, 1.5, 3), (ratio.Value, ratio.Low, ratio.High, ratio.PairedTrials), new RatioComparer());
        Assert.True(ratio.IsPaired);
    }

    [Fact]
    public void Of_NotPaired_OrFewerThanTwoTrialsInCommon_IsTheRatioOfMedians()
    {
        var top = Figure.FromTrials([(1, 4.0), (2, 6.0), (3, 9.0)]);
        var bottom = Figure.FromTrials([(1, 8.0), (2, 4.0), (3, 10.0)]);
        var oneInCommon = Figure.FromTrials([(3, 10.0), (4, 8.0), (5, 4.0)]);

        var unpaired = FigureRatio.Of(top, bottom, pairTrials: false)!;
        var single = FigureRatio.Of(top, oneInCommon, pairTrials: true)!;

        Assert.Equal((0.75, 0), (unpaired.Value, unpaired.PairedTrials));
        Assert.Equal((6.0 / 8.0, 0), (single.Value, single.PairedTrials));
        Assert.False(single.IsPaired);
    }

    [Fact]
    public void Of_AZeroDenominator_IsNoRatio_UnlessTheTrialsPairWithoutIt()
    {
        var top = Figure.FromTrials([(1, 4.0), (2, 6.0), (3, 9.0)]);
        var zero = Figure.FromTrials([(1, 0.0), (2, 0.0), (3, 0.0)]);
        var oneZero = Figure.FromTrials([(1, 2.0), (2, 0.0), (3, 3.0)]);

        Assert.Null(FigureRatio.Of(top, zero, pairTrials: true));
        Assert.Equal((2.5, 2), (FigureRatio.Of(top, oneZero, pairTrials: true)!.Value, FigureRatio.Of(top, oneZero, pairTrials: true)!.PairedTrials));
    }

    [Fact]
    public void Scale_KeepsEachValuesTrialNumber()
    {
        var figure = Figure.FromTrials([(2, 4.0), (1, 6.0)]).Scale(10);

        Assert.Equal((40.0, 60.0), (figure.OfTrial(2)!.Value, figure.OfTrial(1)!.Value));
        Assert.Null(figure.OfTrial(3));
    }

    private sealed class RatioComparer : IEqualityComparer<(double, double, double, int)>
    {
        public bool Equals((double, double, double, int) x, (double, double, double, int) y) =>
            Math.Abs(x.Item1 - y.Item1) < 1e-9 && Math.Abs(x.Item2 - y.Item2) < 1e-9 && Math.Abs(x.Item3 - y.Item3) < 1e-9 && x.Item4 == y.Item4;

        public int GetHashCode((double, double, double, int) obj) => obj.Item4;
    }
}
