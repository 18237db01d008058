namespace AsyncIoTools.Engines.Tests.IoUring;

/// <summary>A test that needs io_uring: skipped, with the engine probe's reason, only where the probe says it cannot run.</summary>
public sealed class IoUringFactAttribute : FactAttribute
{
    public IoUringFactAttribute() => Skip = IoUringSkip.Reason;
}
