using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.DotNet;

/// <summary>The dotnet engine: .NET's own Socket with async/await, what a .NET service gets by default.</summary>
public static class DotNetEngine
{
    public const string Name = "dotnet";

    public static EngineDefinition Definition { get; } = new(
        Name,
        ".NET's System.Net.Sockets.Socket with async/await (AcceptAsync, ReceiveAsync, SendAsync on pooled buffers): the runtime's own epoll engine underneath; its syscalls are not counted by us.",
        [new EngineVariant("async", "One async loop per connection on the thread pool.", () => EngineAvailability.Available)],
        () => EngineAvailability.Available,
        settings => new SocketAsyncEngine(settings))
    {
        // A file is streamed through a user buffer, as a .NET service copying a FileStream to a socket does.
        FileTransfers = [FileTransfer.ReadWrite],
    };
}
