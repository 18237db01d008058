using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Diagnostics.Tests.Lag;

public sealed class LagVerdictRuleTests
{
    [Theory]
    [InlineData(300, 0, LagVerdict.Healthy)]
    [InlineData(12_000, 0, LagVerdict.Lagging)]
    [InlineData(300, 150_000, LagVerdict.Lagging)]
    [InlineData(1_500_000, 0, LagVerdict.Starved)]
    [InlineData(300, 2_000_000, LagVerdict.Starved)]
    public void Judge_Figures_GiveTheVerdict(long p99, long pending, LagVerdict expected)
    {
        var (verdict, text) = LagVerdictRule.Judge(p99, pending);

        Assert.Equal(expected, verdict);
        Assert.StartsWith(expected.ToString().ToLowerInvariant() + ":", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(850, "850 µs")]
    [InlineData(12_340, "12.34 ms")]
    [InlineData(3_410_000, "3.41 s")]
    public void Duration_PicksTheNaturalUnit(long micros, string expected) =>
        Assert.Equal(expected, LagVerdictRule.Duration(micros));
}
