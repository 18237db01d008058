using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Reactor;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.Epoll;

/// <summary>The epoll engine: the reactor over epoll, level- or edge-triggered.</summary>
public static class EpollEngine
{
    public const string Name = "epoll";

    public static EngineDefinition Definition { get; } = new(
        Name,
        "Linux epoll reactor: interest registered once, epoll_wait returns only ready sockets (O(1) per event).",
        [
            new EngineVariant("level", "Level-triggered: reported while readable; one read per event suffices.", () => EngineAvailability.Available),
            new EngineVariant("edge", "Edge-triggered (EPOLLET): reported once per arrival; accepts until EAGAIN, reads until a short read (as nginx does).", () => EngineAvailability.Available),
        ],
        Probe,
        Create)
    {
        FileTransfers = [FileTransfer.ReadWrite, FileTransfer.Sendfile, FileTransfer.Splice],
    };

    internal static EngineAvailability Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return EngineAvailability.Unavailable($"epoll is a Linux API; this is {RuntimeInformation.OSDescription}");
        }

        return RuntimeInformation.ProcessArchitecture == Architecture.X64
            ? EngineAvailability.Available
            : EngineAvailability.Unavailable($"struct epoll_event is bound with its packed x86-64 layout; this process is {RuntimeInformation.ProcessArchitecture}");
    }

    private static IServerEngine Create(ServerSettings settings)
    {
        var edge = string.Equals(settings.Variant, "edge", StringComparison.OrdinalIgnoreCase);
        return new ReactorEngine(Name, edge ? "edge" : "level", settings, () => new EpollDemultiplexer(edge));
    }
}
