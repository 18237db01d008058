using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.Threads;

/// <summary>The threads engine: one blocking thread per connection, the model event loops replaced.</summary>
public static class ThreadsEngine
{
    public const string Name = "threads";

    /// <summary>
    /// Stack reserved for each connection thread. .NET on glibc Linux gives a new thread RLIMIT_STACK (ulimit -s,
    /// 8 MiB on most systems) unless told otherwise; the seeds' C servers assume 1 MiB. A connection thread only
    /// parses a request and copies bytes (its buffers are on the heap), so 256 KiB is ample, and it keeps 10,000
    /// threads within 2.5 GiB of address space instead of 80 GiB. RSS counts only touched stack pages either way,
    /// so this choice changes the virtual size, not the measured memory per connection.
    /// </summary>
    public const int StackBytes = 256 * 1024;

    public static EngineDefinition Definition { get; } = new(
        Name,
        "One blocking thread per connection (Apache prefork's model): blocking accept, blocking recv/send on each connection's own thread, 256 KiB stacks; memory and context switches grow with connections.",
        [new EngineVariant("blocking", "Blocking sockets, one thread each; the kernel scheduler is the demultiplexer.", () => EngineAvailability.Available)],
        Probe,
        settings => new ThreadPerConnectionEngine(settings))
    {
        // Blocking sockets: each method moves a whole body in one call sequence.
        FileTransfers = [FileTransfer.ReadWrite, FileTransfer.Sendfile, FileTransfer.Splice],
    };

    private static EngineAvailability Probe() =>
        OperatingSystem.IsLinux()
            ? EngineAvailability.Available
            : EngineAvailability.Unavailable($"the threads engine calls Linux's sockets through our interop; this is {RuntimeInformation.OSDescription}");
}
