using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Iocp;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Engines.Tests.Iocp;

/// <summary>What the iocp engine says about itself where it cannot run (it runs under Wine in the conformance suite).</summary>
public sealed class IocpEngineTests
{
    [NotWindowsFact("what the engine says where IOCP is absent")]
    public void Probe_NotOnWindows_NamesWindowsAndHowToRunIt()
    {
        var availability = IocpEngine.Definition.Probe();

        Assert.False(availability.IsAvailable);
        Assert.Contains("IOCP is a Windows API", availability.Reason, StringComparison.Ordinal);
        Assert.Contains("Wine", availability.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ListsBothVariantsWithTheSameVerdict()
    {
        var rows = EngineRegistry.Default.Describe().Where(r => r.Engine == IocpEngine.Name).ToList();

        Assert.Equal(["skip", "queued"], rows.Select(r => r.Variant));
        Assert.True(rows[0].IsDefault);
        Assert.All(rows, r => Assert.Equal(OperatingSystem.IsWindows(), r.Available));
    }

    [WindowsFact("IOCP is a Windows API (the conformance suite runs the engine under Wine elsewhere)")]
    public void Probe_OnWindows_IsAvailable()
    {
        var availability = IocpEngine.Definition.Probe();

        Assert.True(availability.IsAvailable, availability.Reason);
    }

    [NotWindowsFact("what the engine says where IOCP is absent")]
    public void Create_NotOnWindows_FailsAsUnavailableWithTheReason()
    {
        var failure = Assert.Throws<AsyncIoToolsException>(() => EngineRegistry.Default.Create(new ServerSettings { Engine = "iocp" }));

        Assert.Equal(FailureKind.EngineUnavailable, failure.Kind);
        Assert.Contains("engine 'iocp' variant 'skip' is unavailable here: IOCP is a Windows API", failure.Message, StringComparison.Ordinal);
    }
}
