using System.Net;
using AsyncIoTools.Benchmarks.Load;

namespace AsyncIoTools.Benchmarks.Tests.Load;

public sealed class LoadPlanTests
{
    private static readonly IPEndPoint Target = new(IPAddress.Loopback, 8080);

    [Theory]
    [InlineData(0, null, 1, null, 0, Setting.Connections)]
    [InlineData(10, null, 0, null, 0, Setting.Pipeline)]
    [InlineData(10, 100.0, 4, null, 0, Setting.Rate)]
    [InlineData(10, -5.0, 1, null, 0, Setting.Rate)]
    [InlineData(10, null, 4, null, 1, Setting.RequestsPerConnection)]
    [InlineData(10, null, 1, "no-slash", 0, Setting.Target)]
    public void Validate_BadOptions_NameTheSetting(int connections, double? rate, int pipeline, string? path, int perConnection, Setting setting)
    {
        var options = new LoadOptions { Target = Target, Connections = connections, Rate = rate, Pipeline = pipeline, Path = path ?? "/", RequestsPerConnection = perConnection };

        var failure = Assert.Throws<AsyncIoToolsException>(() => LoadPlan.Validate(options));

        Assert.Equal(FailureKind.Usage, failure.Kind);
        // Named abstractly: each face spells it its own way (--requests-per-connection, -RequestsPerConnection).
        Assert.Contains(setting, failure.Settings);
        Assert.Contains("<" + setting + ">", failure.MessageFor(s => "<" + s + ">"), StringComparison.Ordinal);
    }

    [Fact]
    public void SourceAddresses_BeyondAQuarterOfThePortRange_SpreadOverLoopbackAddresses()
    {
        var perAddress = LoadPlan.PortsPerLoopbackSource(LoadPlan.EphemeralPortCount());

        Assert.Null(LoadPlan.SourceAddresses(new LoadOptions { Target = Target, Connections = perAddress }));
        var addresses = LoadPlan.SourceAddresses(new LoadOptions { Target = Target, Connections = (2 * perAddress) + 1 });

        Assert.NotNull(addresses);
        Assert.Equal(["127.0.0.1", "127.0.0.2", "127.0.0.3"], addresses!.Select(a => a.ToString()));
    }

    [Fact]
    public void SourceAddresses_ARemoteTargetWithinOneAddressesPorts_KeepsTheDefaultAddress()
    {
        // Spreading thinly is for loopback, where addresses cost nothing; a remote target needs real ones only past one address's ports.
        var remote = new IPEndPoint(IPAddress.Parse("10.1.2.3"), 80);

        Assert.Null(LoadPlan.SourceAddresses(new LoadOptions { Target = remote, Connections = (2 * LoadPlan.PortsPerLoopbackSource(LoadPlan.EphemeralPortCount())) + 1 }));
    }

    [Theory]
    [InlineData(28_232, 7_058)]
    [InlineData(2_001, 500)]
    [InlineData(33, 8)]
    [InlineData(1, 1)]
    public void PortsPerLoopbackSource_IsAQuarterOfTheRange_NeverMoreThanOneAddressCarries(int ephemeralPorts, int expected)
    {
        var perAddress = LoadPlan.PortsPerLoopbackSource(ephemeralPorts);

        Assert.Equal(expected, perAddress);
        Assert.True(perAddress <= LoadPlan.PortsPerSourceAddress(ephemeralPorts));
    }

    [Theory]
    [InlineData(28_232, 27_232)]
    [InlineData(2_001, 1_001)]
    [InlineData(2_000, 1_000)]
    [InlineData(33, 16)]
    [InlineData(1, 1)]
    public void PortsPerSourceAddress_LeavesAMarginAndNeverClaimsMoreThanTheRange(int ephemeralPorts, int expected)
    {
        var perAddress = LoadPlan.PortsPerSourceAddress(ephemeralPorts);

        Assert.Equal(expected, perAddress);
        Assert.True(perAddress <= ephemeralPorts);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    [InlineData(10_000)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void EphemeralPortsNeeded_IsEnoughAndNoMore(int connections)
    {
        var needed = LoadPlan.EphemeralPortsNeeded(connections);

        // The range it asks for carries the connections over the addresses a plan uses; one port fewer does not.
        Assert.True(Addresses(connections, needed) <= LoadPlan.MaximumSourceAddresses, $"{needed} ports");
        Assert.True(needed == 1 || Addresses(connections, needed - 1) > LoadPlan.MaximumSourceAddresses || needed <= 2, $"{needed - 1} ports would do");

        static int Addresses(int connections, int ports) => (connections + LoadPlan.PortsPerSourceAddress(ports) - 1) / LoadPlan.PortsPerSourceAddress(ports);
    }

    [Fact]
    public void SourceAddresses_ManyConnectionsToANonLoopbackTarget_AsksForThem()
    {
        var options = new LoadOptions { Target = new IPEndPoint(IPAddress.Parse("10.1.2.3"), 80), Connections = 100_000 };

        var failure = Assert.Throws<AsyncIoToolsException>(() => LoadPlan.SourceAddresses(options));

        Assert.Equal(FailureKind.LimitTooLow, failure.Kind);
        Assert.Equal([Setting.SourceAddresses], failure.Settings);
    }

    [Fact]
    public void EnsureDescriptors_MoreThanTheHardLimit_SaysWhichLimitAndHowToFixIt()
    {
        var failure = Assert.Throws<AsyncIoToolsException>(() => LoadPlan.EnsureDescriptors(50_000_000, "the load generator"));

        Assert.Equal(FailureKind.LimitTooLow, failure.Kind);
        Assert.Contains("RLIMIT_NOFILE", failure.Message, StringComparison.Ordinal);
        Assert.Contains("ulimit", failure.Message, StringComparison.Ordinal);
    }
}
