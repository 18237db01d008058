using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Failures;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Engines.Sockets;

/// <summary>TCP congestion controls by name: which names a kernel could take, and why this one refused one.</summary>
public static class CongestionControls
{
    /// <summary>TCP_CA_NAME_MAX less its NUL. The kernel cuts a longer name short without a word, and the cut name could be another control's.</summary>
    public const int MaxLength = NativeSocket.CongestionNameCapacity - 1;

    /// <summary>The control a socket gets unless it chooses one.</summary>
    public const string DefaultSysctl = "net.ipv4.tcp_congestion_control";

    public const string AvailableSysctl = "net.ipv4.tcp_available_congestion_control";

    public const string AllowedSysctl = "net.ipv4.tcp_allowed_congestion_control";

    /// <summary>1 to <see cref="MaxLength"/> ASCII letters, digits or '_', as the kernel's own controls are named.</summary>
    public static bool IsWellFormed(string name) =>
        name is { Length: > 0 and <= MaxLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>The controls a sysctl lists (available: loaded in this kernel; allowed: settable without CAP_NET_ADMIN).</summary>
    public static IReadOnlyList<string> Listed(string sysctl) =>
        HostEnvironment.ReadSysctl(sysctl)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>The usage failure for a control setsockopt refused, with what this kernel offers instead.</summary>
    public static AsyncIoToolsException Refused(string name, ErrnoException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.ErrorNumber switch
        {
            Errno.ENOENT => AsyncIoToolsException.ForSettings(
                FailureKind.Usage,
                $"this kernel has no TCP congestion control '{name}' ({Setting.CongestionControl}); it has: {string.Join(", ", Listed(AvailableSysctl))} ({AvailableSysctl}; a module such as tcp_{name} may add one)"),
            Errno.EPERM => AsyncIoToolsException.ForSettings(
                FailureKind.Usage,
                $"TCP congestion control '{name}' ({Setting.CongestionControl}) needs CAP_NET_ADMIN: {AllowedSysctl} lists only {string.Join(", ", Listed(AllowedSysctl))}; run as root, or add it there"),
            _ => AsyncIoToolsException.ForSettings(FailureKind.Usage, $"cannot set TCP congestion control '{name}' ({Setting.CongestionControl}): {error.Message}"),
        };
    }
}
