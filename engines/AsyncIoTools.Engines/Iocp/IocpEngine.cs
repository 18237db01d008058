using System.Net.Sockets;
using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Iocp;

/// <summary>
/// The IOCP engine: the proactor on a Windows I/O completion port. The kernel does the I/O; workers are told
/// when it is done. Variants differ in whether calls that complete at once still go through the port.
/// </summary>
public static class IocpEngine
{
    public const string Name = "iocp";

    private static readonly Lazy<EngineAvailability> Engine = new(ProbeEngine);
    private static readonly Lazy<EngineAvailability> SkipMode = new(ProbeSkipMode);

    public static EngineDefinition Definition { get; } = new(
        Name,
        "Windows I/O completion port (proactor): AcceptEx posted ahead, overlapped WSARecv/WSASend, worker threads dequeue completions in batches.",
        [
            new EngineVariant("skip", "FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: a call that completes at once is finished inline, without a packet through the port.", () => SkipMode.Value),
            new EngineVariant("queued", "Every completion goes through the port, even for calls that complete at once (the pre-Vista behaviour).", () => EngineAvailability.Available),
        ],
        () => Engine.Value,
        Create);

    private static EngineAvailability ProbeEngine()
    {
        if (!OperatingSystem.IsWindows())
        {
            return EngineAvailability.Unavailable($"IOCP is a Windows API; this is {DescribeSystem()} — run the win-x64 build under Windows or Wine");
        }

        try
        {
            using var socket = OverlappedSocket.Create(AddressFamily.InterNetwork);
            _ = WinsockExtensions.Load(socket);
            return EngineAvailability.Available;
        }
        catch (Win32ErrorException e)
        {
            return EngineAvailability.Unavailable($"Winsock cannot serve overlapped TCP here: {e.Message}");
        }
    }

    private static EngineAvailability ProbeSkipMode()
    {
        if (!OperatingSystem.IsWindows())
        {
            return EngineAvailability.Unavailable("IOCP is a Windows API");
        }

        using var socket = OverlappedSocket.Create(AddressFamily.InterNetwork);
        return socket.HasKernelHandles
            ? EngineAvailability.Available
            : EngineAvailability.Unavailable("a layered Winsock provider (LSP) sits over TCP: a call may complete at once and still queue a packet, so completions cannot skip the port; use the queued variant");
    }

    private static string DescribeSystem() =>
        OperatingSystem.IsLinux() ? $"Linux {Environment.OSVersion.Version.ToString(2)}" : RuntimeInformation.OSDescription;

    private static IServerEngine Create(ServerSettings settings)
    {
        if (!OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("IOCP is a Windows API");
        }

        var queued = string.Equals(settings.Variant, "queued", StringComparison.OrdinalIgnoreCase);
        return new CompletionPortServer(Name, queued ? "queued" : "skip", settings, skipOnSuccess: !queued);
    }
}
