namespace AsyncIoTools.Engines.Tests.IoUring;

/// <summary>A theory that needs io_uring: skipped, with the engine probe's reason, only where the probe says it cannot run.</summary>
public sealed class IoUringTheoryAttribute : TheoryAttribute
{
    public IoUringTheoryAttribute() => Skip = IoUringSkip.Reason;
}
