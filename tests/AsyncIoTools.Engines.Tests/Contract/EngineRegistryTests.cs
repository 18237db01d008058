using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Failures;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Tests.Contract;

public sealed class EngineRegistryTests
{
    [Fact]
    public void Resolve_UnknownEngine_IsAUsageErrorNamingTheKnownOnes()
    {
        var failure = Assert.Throws<AsyncIoToolsException>(() => EngineRegistry.Default.Resolve("kqueue", null));

        Assert.Equal(FailureKind.Usage, failure.Kind);
        Assert.Contains("kqueue", failure.Message, StringComparison.Ordinal);
        Assert.Contains("epoll", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnknownVariant_NamesTheEnginesVariants()
    {
        var failure = Assert.Throws<AsyncIoToolsException>(() => EngineRegistry.Default.Resolve("epoll", "sideways"));

        Assert.Equal(FailureKind.Usage, failure.Kind);
        Assert.Contains("level", failure.Message, StringComparison.Ordinal);
        Assert.Contains("edge", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnavailableVariant_SaysWhyWithTheEngineUnavailableKind()
    {
        var registry = new EngineRegistry([
            new EngineDefinition(
                "fake",
                "for the test",
                [new EngineVariant("only", "one", () => EngineAvailability.Unavailable("needs a kernel from the future"))],
                () => EngineAvailability.Available,
                _ => throw new InvalidOperationException("never made")),
        ]);

        var failure = Assert.Throws<AsyncIoToolsException>(() => registry.Resolve("FAKE", null));

        Assert.Equal(FailureKind.EngineUnavailable, failure.Kind);
        Assert.Contains("needs a kernel from the future", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ListsEveryVariantWithItsVerdict()
    {
        var rows = EngineRegistry.Default.Describe();

        Assert.Contains(rows, r => r is { Engine: "epoll", Variant: "level", Available: true, IsDefault: true });
        Assert.Contains(rows, r => r is { Engine: "epoll", Variant: "edge", IsDefault: false });
        Assert.All(rows.Where(r => !r.Available), r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
    }

    [Fact]
    public void ServerControl_CountersSurviveTheRoundTrip()
    {
        var counters = new EngineCounters { Requests = 7, BytesIn = 11, ConnectionsAccepted = 2, Syscalls = Enumerable.Range(1, SyscallTally.KindCount).Select(i => (long)i).ToArray() };

        var parsed = ServerControl.ParseCounters(ServerControl.FormatCounters(counters));

        Assert.Equal(counters.Requests, parsed.Requests);
        Assert.Equal(counters.BytesIn, parsed.BytesIn);
        Assert.Equal(counters.Syscalls, parsed.Syscalls);
        Assert.Equal(counters.TotalSyscalls, parsed.TotalSyscalls);
    }

    [Fact]
    public void EngineCounters_Since_SubtractsEveryCounter()
    {
        var earlier = new EngineCounters { Requests = 10, Syscalls = new long[SyscallTally.KindCount] };
        var later = earlier with { Requests = 25, LoopIterations = 4, Syscalls = Enumerable.Repeat(3L, SyscallTally.KindCount).ToArray() };

        var delta = later.Since(earlier);

        Assert.Equal(15, delta.Requests);
        Assert.Equal(4, delta.LoopIterations);
        Assert.Equal(3L * SyscallTally.KindCount, delta.TotalSyscalls);
    }
}
