using AsyncIoTools.Cli.Commands.Diagnostics;
using Xunit;

namespace AsyncIoTools.Cli.Tests.Diagnostics;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("250us", 0.25)]
    [InlineData("3", 3_000)]
    [InlineData("1h", 3_600_000)]
    public void TryParse_WithUnits_GivesTheDuration(string text, double milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5s")]
    [InlineData("10 parsecs")]
    [InlineData("")]
    public void TryParse_NotADuration_Fails(string text) => Assert.False(DurationText.TryParse(text, out _));
}
