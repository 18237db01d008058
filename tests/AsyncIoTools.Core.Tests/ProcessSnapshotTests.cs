using System.Diagnostics;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Core.Tests;

public sealed class ProcessSnapshotTests
{
    [Fact]
    public void Read_ThisProcess_SeesItsThreadsAndMemory_AndItsDescriptorsOnlyWhenAsked()
    {
        var snapshot = ProcessSnapshot.Read(Environment.ProcessId);

        Assert.True(snapshot.Threads >= 1);
        Assert.True(snapshot.RssBytes > 1024 * 1024);
        Assert.True(snapshot.PeakRssBytes >= snapshot.RssBytes);
        Assert.Null(snapshot.OpenDescriptors);
        Assert.True(snapshot.CpuMicros > 0);
        Assert.True(ProcessSnapshot.ReadWithDescriptors(Environment.ProcessId).OpenDescriptors >= 3);
    }

    [Fact]
    public void ReadTree_AddsUpTheWorkers_CpuOfOneInstant_WithoutCountingDescriptors()
    {
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", "(while :; do :; done) & (while :; do :; done) & wait"]))!;
        try
        {
            var waited = Stopwatch.StartNew();
            while (ProcessSnapshot.Descendants(shell.Id).Count < 2 && waited.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.Sleep(20);
            }

            Thread.Sleep(200);
            var workers = ProcessSnapshot.Descendants(shell.Id);
            var earlier = workers.Sum(w => ProcessSnapshot.Read(w).CpuMicros);
            var tree = ProcessSnapshot.ReadTree(shell.Id);
            var later = workers.Sum(w => ProcessSnapshot.Read(w).CpuMicros);

            Assert.Equal(2, workers.Count);
            Assert.InRange(tree.CpuMicros - ProcessSnapshot.Read(shell.Id).CpuMicros, earlier, later);
            Assert.True(earlier > 0, "the workers spin");
            Assert.Null(tree.OpenDescriptors);
            Assert.NotNull(ProcessSnapshot.ReadWithDescriptors(shell.Id).OpenDescriptors);

            // The CPU alone, read between two full snapshots of a spinning worker, falls between them.
            var before = ProcessSnapshot.Read(workers[0]).CpuMicros;
            var cpu = ProcessSnapshot.ReadCpuMicros(workers[0]);
            Assert.InRange(cpu, before, ProcessSnapshot.Read(workers[0]).CpuMicros);
        }
        finally
        {
            shell.Kill(entireProcessTree: true);
            shell.WaitForExit();
        }
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
