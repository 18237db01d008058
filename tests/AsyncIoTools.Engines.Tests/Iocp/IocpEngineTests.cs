using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Iocp;
using AsyncIoTools.Engines.Tests.Conformance;
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

    /// <summary>On Linux the Windows build is asked under Wine (CI prepares it): a probe saying no there would make every iocp conformance case unavailable.</summary>
    [Fact]
    public void Probe_OnWindows_IsAvailable()
    {
        if (OperatingSystem.IsWindows())
        {
            var availability = IocpEngine.Definition.Probe();
            Assert.True(availability.IsAvailable, availability.Reason);
            return;
        }

        Assert.True(WineHost.Ready.IsAvailable, WineHost.Ready.Reason);
        var variants = WineHost.WindowsEngineVariants;
        Assert.NotNull(variants);
        var iocp = variants.Where(v => v.Engine == "iocp").ToList();
        Assert.Equal(["skip", "queued"], iocp.Select(v => v.Variant));
        Assert.All(iocp, v => Assert.True(v.Available, v.Reason));
    }

    [NotWindowsFact("what the engine says where IOCP is absent")]
    public void Create_NotOnWindows_FailsAsUnavailableWithTheReason()
    {
        var failure = Assert.Throws<AsyncIoToolsException>(() => EngineRegistry.Default.Create(new ServerSettings { Engine = "iocp" }));

        Assert.Equal(FailureKind.EngineUnavailable, failure.Kind);
        Assert.Contains("engine 'iocp' variant 'skip' is unavailable here: IOCP is a Windows API", failure.Message, StringComparison.Ordinal);
    }
}
