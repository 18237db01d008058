using System.Diagnostics;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Core.Tests;

public sealed class ProportionalMemoryTests
{
    [Fact]
    public void PssKibibytes_ReadsThePssLineOfSmapsRollup()
    {
        string[] rollup =
        [
            "5624b127c000-7fff47291000 ---p 00000000 00:00 0                          [rollup]",
            "Rss:               37736 kB",
            "Pss:               16735 kB",
            "Pss_Dirty:          7704 kB",
        ];

        Assert.Equal(16_735, ProportionalMemory.PssKibibytes(rollup));
        Assert.Equal(0, ProportionalMemory.PssKibibytes(["Rss: 1 kB"]));
    }

    [Fact]
    public void TreeBytes_ProcessesSharingTheirLibraries_CountTheSharedPagesOnce()
    {
        // A shell and two children: the same libc and shell pages mapped three times.
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 30 & sleep 30 & wait"]) { RedirectStandardInput = true })!;
        try
        {
            var deadline = Stopwatch.StartNew();
            while (ProcessSnapshot.Descendants(shell.Id).Count < 2 && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.Sleep(20);
            }

            var pss = ProportionalMemory.TreeBytes(shell.Id);
            var rss = ProcessSnapshot.ReadTree(shell.Id).RssBytes;

            Assert.Equal(2, ProcessSnapshot.Descendants(shell.Id).Count);
            Assert.NotNull(pss);
            Assert.InRange(pss.Value, 1, rss - 1);
        }
        finally
        {
            shell.Kill(entireProcessTree: true);
            shell.WaitForExit();
        }
    }

    [Fact]
    public void TreeBytes_ADyingProcess_IsUnknown_AndADyingWorkerIsLeftOut()
    {
        // The exec'd sleep never reaps its child: a zombie, whose smaps_rollup answers ESRCH.
        using var parent = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 0 & exec sleep 30"]) { RedirectStandardInput = true })!;
        try
        {
            var zombie = 0;
            var deadline = Stopwatch.StartNew();
            while (zombie == 0 && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                zombie = ProcessSnapshot.Descendants(parent.Id).FirstOrDefault(IsZombie);
                Thread.Sleep(20);
            }

            Assert.NotEqual(0, zombie);
            Assert.Null(ProportionalMemory.TreeBytes(zombie));
            Assert.True(ProportionalMemory.TreeBytes(parent.Id) > 0);
        }
        finally
        {
            parent.Kill(entireProcessTree: true);
            parent.WaitForExit();
        }
    }

    [Fact]
    public void TreeBytes_NoSuchProcess_IsUnknown()
    {
        using var gone = Process.Start("true")!;
        gone.WaitForExit();

        Assert.Null(ProportionalMemory.TreeBytes(gone.Id));
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return ProcFile.StatFields(File.ReadAllText($"/proc/{pid}/stat")) is ["Z", ..];
        }
        catch (IOException)
        {
            return false;
        }
    }
}
