using System.Diagnostics;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Core.Tests;

public sealed class ProcessSnapshotTests
{
    [Fact]
    public void Read_ThisProcess_SeesItsThreadsMemoryAndDescriptors()
    {
        var snapshot = ProcessSnapshot.Read(Environment.ProcessId);

        Assert.True(snapshot.Threads >= 1);
        Assert.True(snapshot.RssBytes > 1024 * 1024);
        Assert.True(snapshot.PeakRssBytes >= snapshot.RssBytes);
        Assert.True(snapshot.OpenDescriptors >= 3);
        Assert.True(snapshot.CpuMicros > 0);
    }

    [Fact]
    public void Read_ProcessThatExited_RaisesProcessGone()
    {
        using var process = Process.Start("true")!;
        process.WaitForExit();

        Assert.Throws<ProcessGoneException>(() => ProcessSnapshot.Read(process.Id));
    }

    [Fact]
    public void HostEnvironment_Capture_RecordsKernelCpusAndSysctls()
    {
        var environment = HostEnvironment.Capture();

        Assert.NotEmpty(environment.Kernel);
        Assert.True(environment.LogicalCpus >= 1);
        Assert.True(environment.MemoryBytes > 0);
        Assert.True(environment.OpenFilesHard >= environment.OpenFilesSoft);
        Assert.Contains("net.core.somaxconn", environment.Sysctls.Keys);
    }
}
