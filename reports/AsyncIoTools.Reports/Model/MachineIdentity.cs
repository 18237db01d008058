using System.Globalization;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Reports.Model;

/// <summary>What makes two results come from the same machine: host, CPU, cores, memory and kernel.</summary>
public sealed record MachineIdentity(string Hostname, string CpuModel, int LogicalCpus, long MemoryBytes, string Kernel)
{
    public static MachineIdentity Of(HostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new MachineIdentity(environment.Hostname, environment.CpuModel, environment.LogicalCpus, environment.MemoryBytes, environment.Kernel);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Hostname}: {CpuModel}, {LogicalCpus} CPUs, Linux {Kernel}");
}
