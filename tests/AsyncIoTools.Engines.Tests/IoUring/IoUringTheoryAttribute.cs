using AsyncIoTools.Engines.IoUring;
using Xunit;

namespace AsyncIoTools.Engines.Tests.IoUring;

/// <summary>A theory that needs io_uring: skipped, with the engine probe's reason, only where the probe says it cannot run.</summary>
public sealed class IoUringTheoryAttribute : TheoryAttribute
{
    public IoUringTheoryAttribute()
    {
        if (IoUringEngine.Definition.Probe() is { IsAvailable: false } unavailable)
        {
            Skip = $"io_uring is unavailable here: {unavailable.Reason}";
        }
    }
}
