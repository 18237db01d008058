using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Reactor;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.Poll;

/// <summary>The poll engine: the reactor over poll(2).</summary>
public static class PollEngine
{
    public const string Name = "poll";

    public static EngineDefinition Definition { get; } = new(
        Name,
        "poll(2) reactor (System V): one pollfd array, no FD_SETSIZE ceiling, but the whole array crosses into the kernel and is scanned on every wake-up (O(n)).",
        [new EngineVariant("level", "Level-triggered, the only way poll reports.", () => EngineAvailability.Available)],
        Probe,
        Create)
    {
        FileTransfers = [FileTransfer.ReadWrite, FileTransfer.Sendfile, FileTransfer.Splice],
    };

    private static EngineAvailability Probe() =>
        OperatingSystem.IsLinux()
            ? EngineAvailability.Available
            : EngineAvailability.Unavailable($"this poll engine uses Linux's eventfd to wake its loops; this is {RuntimeInformation.OSDescription}");

    private static IServerEngine Create(ServerSettings settings) =>
        new ReactorEngine(Name, "level", settings, () => new PollDemultiplexer());
}
