using AsyncIoTools.Engines.IoUring;

namespace AsyncIoTools.Engines.Tests.IoUring;

/// <summary>Why io_uring tests cannot run here, from the engine's own probe; null where they can.</summary>
internal static class IoUringSkip
{
    public static string? Reason { get; } =
        IoUringEngine.Definition.Probe() is { IsAvailable: false } unavailable ? $"io_uring is unavailable here: {unavailable.Reason}" : null;
}
