using System.Globalization;
using System.Runtime.InteropServices;

namespace AsyncIoTools.Processes;

/// <summary>
/// The machine a measurement was made on: what is needed to compare it with another, or to repeat it —
/// kernel, CPU, memory, .NET, limits and the sysctls that shape TCP and connection counts.
/// </summary>
public sealed record HostEnvironment
{
    public required string Hostname { get; init; }

    public required string Os { get; init; }

    public required string Kernel { get; init; }

    public required string CpuModel { get; init; }

    public required int LogicalCpus { get; init; }

    /// <summary>True when /proc/cpuinfo has the hypervisor flag: figures from a VM vary more.</summary>
    public required bool VirtualMachine { get; init; }

    public required long MemoryBytes { get; init; }

    public required string Dotnet { get; init; }

    public required string ToolVersion { get; init; }

    public required long OpenFilesSoft { get; init; }

    public required long OpenFilesHard { get; init; }

    /// <summary>The sysctls that matter for connection counts and TCP (missing ones are left out).</summary>
    public required IReadOnlyDictionary<string, string> Sysctls { get; init; }

    public static readonly string[] SysctlNames =
    [
        "fs.nr_open",
        "fs.file-max",
        "net.core.somaxconn",
        "net.core.netdev_max_backlog",
        "net.core.dev_weight",
        "net.ipv4.tcp_max_syn_backlog",
        "net.ipv4.ip_local_port_range",
        "net.ipv4.tcp_mem",
        "net.ipv4.tcp_rmem",
        "net.ipv4.tcp_wmem",
        "net.ipv4.tcp_fastopen",
        "net.ipv4.tcp_congestion_control",
        "net.ipv4.tcp_tw_reuse",
        "net.ipv4.tcp_fin_timeout",
    ];

    public static HostEnvironment Capture()
    {
        var cpuInfo = ReadOrEmpty("/proc/cpuinfo");
        var (soft, hard) = ReadOpenFilesLimit();
        return new HostEnvironment
        {
            Hostname = Environment.MachineName,
            Os = RuntimeInformation.OSDescription,
            Kernel = ReadOrEmpty("/proc/sys/kernel/osrelease").Trim(),
            CpuModel = FirstValue(cpuInfo, "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
            LogicalCpus = Environment.ProcessorCount,
            VirtualMachine = (FirstValue(cpuInfo, "flags") ?? string.Empty).Split(' ').Contains("hypervisor"),
            MemoryBytes = MemTotalBytes(),
            Dotnet = RuntimeInformation.FrameworkDescription,
            ToolVersion = typeof(HostEnvironment).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            OpenFilesSoft = soft,
            OpenFilesHard = hard,
            Sysctls = SysctlNames
                .Select(name => (name, value: ReadSysctl(name)))
                .Where(pair => pair.value is not null)
                .ToDictionary(pair => pair.name, pair => pair.value!),
        };
    }

    /// <summary>The value of a sysctl such as net.core.somaxconn, tabs folded to spaces; null if absent.</summary>
    public static string? ReadSysctl(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var path = "/proc/sys/" + name.Replace('.', '/');
        return File.Exists(path) ? string.Join(' ', ReadOrEmpty(path).Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)) : null;
    }

    /// <summary>Memory the kernel reports as available for new work (MemAvailable), in bytes.</summary>
    public static long AvailableMemoryBytes() => MemInfoBytes("MemAvailable");

    private static long MemTotalBytes() => MemInfoBytes("MemTotal");

    private static long MemInfoBytes(string key)
    {
        var value = FirstValue(ReadOrEmpty("/proc/meminfo"), key);
        return value is null ? 0 : long.Parse(value.Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static (long Soft, long Hard) ReadOpenFilesLimit()
    {
        foreach (var line in ReadOrEmpty("/proc/self/limits").Split('\n'))
        {
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                var parts = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return (ParseLimit(parts[0]), ParseLimit(parts[1]));
            }
        }

        return (0, 0);
    }

    private static long ParseLimit(string text) => text == "unlimited" ? long.MaxValue : long.Parse(text, CultureInfo.InvariantCulture);

    private static string? FirstValue(string text, string key)
    {
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == key)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
