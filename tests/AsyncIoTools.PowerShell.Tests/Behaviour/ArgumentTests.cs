using AsyncIoTools.PowerShell.Arguments;
using AsyncIoTools.PowerShell.Completion;

namespace AsyncIoTools.PowerShell.Tests.Behaviour;

public sealed class ArgumentTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("0:0:3", 3_000)]
    [InlineData(7, 7_000)]
    [InlineData(1.5, 1_500)]
    public void Durations_TakeTheCliSpellingNumbersAndTimeSpans(object given, int milliseconds)
    {
        Assert.True(DurationValue.TryConvert(given, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
        Assert.True(DurationValue.TryConvert(duration, out var same));
        Assert.Equal(duration, same);
    }

    [Theory]
    [InlineData("ten seconds")]
    [InlineData("-5s")]
    [InlineData(-1)]
    [InlineData(true)]
    public void Durations_RefuseWhatIsNotOne(object given) => Assert.False(DurationValue.TryConvert(given, out _));

    [Fact]
    public void Completion_ReadsTheRegistryAndTheCatalogue()
    {
        Assert.Contains("epoll", CompletionCandidates.Engines("ep"));
        Assert.DoesNotContain("poll", CompletionCandidates.Engines("ep"));
        Assert.Contains("epoll:edge", CompletionCandidates.EngineSelections("epoll:"));
        Assert.Equal(["edge", "level"], CompletionCandidates.Variants(["epoll"], string.Empty).Order());
        Assert.Contains("c10k", CompletionCandidates.Scenarios("c1"));
        Assert.Equal(["nodelay-off", "nodelay-on"], CompletionCandidates.Cases("nagle", "nodelay"));
        Assert.Empty(CompletionCandidates.Cases("no-such-scenario", string.Empty));
    }
}
