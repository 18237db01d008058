using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Reactor;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Workloads;

[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Naming",
    "CA1716:Identifiers should not match keywords",
    Scope = "namespace",
    Target = "~N:AsyncIoTools.Engines.Select",
    Justification = "Engine folders are named after their system call (Epoll, Poll, Select); Select is a keyword only in Visual Basic.")]

namespace AsyncIoTools.Engines.Select;

/// <summary>The select engine: the reactor over select(2), bounded by FD_SETSIZE.</summary>
public static class SelectEngine
{
    public const string Name = "select";

    public static EngineDefinition Definition { get; } = new(
        Name,
        "select(2) reactor (BSD 4.2, 1983): fd_set bitmaps rebuilt for every call, every descriptor scanned after it (O(n)); a connection numbered FD_SETSIZE (1024) or above is refused.",
        [new EngineVariant("level", "Level-triggered, the only way select reports.", () => EngineAvailability.Available)],
        Probe,
        Create,
        DescriptorCeiling: DescriptorSet.Capacity)
    {
        FileTransfers = [FileTransfer.ReadWrite, FileTransfer.Sendfile, FileTransfer.Splice],
    };

    private static EngineAvailability Probe() =>
        OperatingSystem.IsLinux()
            ? EngineAvailability.Available
            : EngineAvailability.Unavailable($"this select engine binds glibc's 1024-bit fd_set on Linux; this is {RuntimeInformation.OSDescription}");

    private static IServerEngine Create(ServerSettings settings) =>
        new ReactorEngine(Name, "level", settings, () => new SelectDemultiplexer());
}
