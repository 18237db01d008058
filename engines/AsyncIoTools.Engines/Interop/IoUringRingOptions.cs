using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>How to set up a ring.</summary>
internal sealed record IoUringRingOptions
{
    /// <summary>Submission queue entries (a power of two; the kernel rounds up). The completion queue gets twice as many.</summary>
    public int Entries { get; init; } = 256;

    /// <summary>Completion queue entries; 0 leaves the kernel's default (twice <see cref="Entries"/>).</summary>
    public int CompletionEntries { get; init; }

    public IoUringSetup Flags { get; init; }

    /// <summary>With SQPOLL: how long the polling thread spins idle before it sleeps and needs a wake-up.</summary>
    public TimeSpan PollingThreadIdle { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>With SQPOLL and <see cref="IoUringSetup.PollingThreadAffinity"/>: the CPU of the polling thread.</summary>
    public int PollingThreadCpu { get; init; }
}
