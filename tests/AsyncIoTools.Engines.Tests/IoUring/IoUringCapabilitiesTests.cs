using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.IoUring;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Tests.IoUring;

public sealed class IoUringCapabilitiesTests
{
    [IoUringFact]
    public void Probe_TheOperationsTheEngineUses_AreSupported()
    {
        var kernel = IoUringCapabilities.Current;

        Assert.Null(kernel.MissingOperation(IoUringOperation.Nop, IoUringOperation.Accept, IoUringOperation.Receive, IoUringOperation.Send));
        Assert.True(kernel.WaitTimeouts);
    }

    [IoUringFact]
    public void QuietSendRefusal_ThisKernelFailsAFullSocketAtOnce_IsNoneAndTheDefaultVariantIsAvailable()
    {
        // Linux 6.18 here: a send with MSG_DONTWAIT is REQ_F_NOWAIT and never arms a poll. The default variant relies on it.
        Assert.Null(IoUringCapabilities.Current.QuietSendRefusal);
        Assert.True(IoUringEngine.Variants.Single(v => v.Name == "default").Probe().IsAvailable);
    }

    [IoUringFact]
    public void ProbeSupportedOperations_AnOpcodeBeyondTheKernelsLast_IsNotSupported()
    {
        using var ring = IoUringRing.Create(new IoUringRingOptions { Entries = 2 });

        var supported = ring.ProbeSupportedOperations();

        Assert.True(supported[(int)IoUringOperation.Nop]);
        Assert.False(supported[255]);
    }

    [IoUringFact]
    public void SetupRefusal_FlagsTheKernelRejects_NameTheFlagsAndTheErrno()
    {
        // DEFER_TASKRUN without SINGLE_ISSUER is invalid on every kernel that knows either flag.
        var refusal = IoUringCapabilities.Current.SetupRefusal(IoUringSetup.DeferTaskRun);

        Assert.NotNull(refusal);
        Assert.Contains("IORING_SETUP_DEFER_TASKRUN", refusal, StringComparison.Ordinal);
        Assert.Contains("EINVAL", refusal, StringComparison.Ordinal);
    }

    [IoUringFact]
    public void SetupRefusal_PlainRing_IsNone()
    {
        Assert.Null(IoUringCapabilities.Current.SetupRefusal(IoUringSetup.None));
    }

    [IoUringFact]
    public void Describe_EveryVariant_IsListedWithAVerdict()
    {
        var rows = EngineRegistry.Default.Describe().Where(row => row.Engine == IoUringEngine.Name).ToArray();

        Assert.Equal(IoUringEngine.Definition.Variants.Select(v => v.Name), rows.Select(r => r.Variant));
        Assert.All(rows, row => Assert.True(row.Available || !string.IsNullOrEmpty(row.Reason)));
        Assert.Single(rows, row => row.IsDefault);
    }
}
