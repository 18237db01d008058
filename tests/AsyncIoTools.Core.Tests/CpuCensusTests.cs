using System.Diagnostics;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Core.Tests;

public sealed class CpuCensusTests
{
    // pid (comm) state ppid … utime stime cutime cstime … starttime: fields 4, 14-17 and 22.
    private static string Stat(string name, long userTicks, long systemTicks, long start, long childrenTicks = 0, long flags = 4194560, int parent = 1) =>
        $"1 ({name}) S {parent} 1 1 0 -1 {flags} 100 0 0 0 {userTicks} {systemTicks} {childrenTicks} 0 20 0 1 0 {start} 1000 10 18446744073709551615";

    private static string KernelThread(string name, long systemTicks, long start) => Stat(name, 0, systemTicks, start, flags: 69238848);

    [Fact]
    public void OthersSince_LeavesOutTheKernelsSoftirqThreads_ButNotAProcessNamedLikeThem()
    {
        // ksoftirqd's flags as the kernel shows them (PF_KTHREAD among them); the impostor is a user process.
        var before = CpuCensus.Of(0, [(14, Stat("ksoftirqd/0", 0, 100, 3, flags: 69238848)), (50, Stat("ksoftirqd/9", 0, 0, 8))]);
        var after = CpuCensus.Of(Stopwatch.Frequency, [(14, Stat("ksoftirqd/0", 0, 400, 3, flags: 69238848)), (50, Stat("ksoftirqd/9", 0, 7, 8))]);

        Assert.Equal(7 * 10_000, after.OthersSince(before, new HashSet<int>()));
        Assert.Equal(("ksoftirqd/9", 50, 7 * 10_000L), after.BusiestOtherSince(before, new HashSet<int>()));
        Assert.Equal(1, after.Count);
    }

    [Fact]
    public void OthersSince_CountsWhatProcessesOutsideOursUsed_NewOnesFromNothing()
    {
        var before = CpuCensus.Of(0, [(10, Stat("server", 100, 100, 5)), (20, Stat("cron", 40, 10, 7)), (30, Stat("old", 1, 1, 9))]);
        var after = CpuCensus.Of(Stopwatch.Frequency, [
            (10, Stat("server", 400, 300, 5)),       // ours: left out
            (20, Stat("cron", 60, 20, 7)),           // 30 ticks
            (30, Stat("reused id", 3, 2, 50)),       // a new process under an old id: 5 ticks, from nothing
            (40, Stat("a (tricky) name", 2, 0, 60)), // started meanwhile: 2 ticks
        ]);

        Assert.Equal(37 * 10_000, after.OthersSince(before, new HashSet<int> { 10 }));
        Assert.Equal(37 * 10_000 + 500 * 10_000, after.OthersSince(before, new HashSet<int>()));
        Assert.Equal(1.0, after.SecondsSince(before), 6);
        Assert.Equal(("cron", 20, 30 * 10_000L), after.BusiestOtherSince(before, new HashSet<int> { 10 }));
        Assert.Equal(("server", 10, 500 * 10_000L), after.BusiestOtherSince(before, new HashSet<int>()));
        Assert.Null(after.BusiestOtherSince(after, new HashSet<int>()));
        Assert.Equal(("a (tricky) name", 40, 2 * 10_000L), after.BusiestOtherSince(before, new HashSet<int> { 10, 20, 30 }));
    }

    [Fact]
    public void OthersSince_SeesAProcessThatEndedMeanwhile_ThroughTheParentThatWaitedForIt()
    {
        var before = CpuCensus.Of(0, [(20, Stat("make", 10, 10, 7, childrenTicks: 100)), (10, Stat("server", 1, 1, 5, childrenTicks: 50))]);
        var after = CpuCensus.Of(Stopwatch.Frequency, [(20, Stat("make", 11, 10, 7, childrenTicks: 160)), (10, Stat("server", 1, 1, 5, childrenTicks: 90))]);

        Assert.Equal(61 * 10_000, after.OthersSince(before, new HashSet<int> { 10 }));
    }

    [Fact]
    public void OthersSince_ALongRunningProcessReapedMeanwhile_CountsOnlyWhatItUsedSinceTheFirstCensus()
    {
        // A shell (10) runs a job in a subshell (12) that runs `yes` (11), 100 s of CPU by the first census. Both end
        // in the window, 3 s later, and the shell waits for the subshell: its children's time grows by 103 s at once.
        var before = CpuCensus.Of(0, [(10, Stat("bash", 5, 5, 2)), (12, Stat("bash", 0, 0, 3, parent: 10)), (11, Stat("yes", 9_000, 1_000, 4, parent: 12)), (20, Stat("cron", 1, 1, 1))]);
        var after = CpuCensus.Of(3 * Stopwatch.Frequency, [(10, Stat("bash", 5, 5, 2, childrenTicks: 10_300)), (20, Stat("cron", 1, 1, 1))]);

        Assert.Equal(300 * 10_000, after.OthersSince(before, new HashSet<int>()));
        Assert.Equal(("bash", 10, 300 * 10_000L), after.BusiestOtherSince(before, new HashSet<int>()));
    }

    [Fact]
    public void OthersSince_AReapedProcessIsTakenOffOnlyWhatWaitedForIt()
    {
        // The subshell (12) ended and its id went to a new process (start 9) that spun 2 s: not a forebear. The shell
        // (10) waited, so 103 s are taken off it, not off the newcomer. A cron (20) whose job (21) went to init
        // instead keeps its own 1 s: its children's time did not grow.
        var before = CpuCensus.Of(0, [(10, Stat("bash", 5, 5, 2)), (12, Stat("bash", 0, 0, 3, parent: 10)), (11, Stat("yes", 9_000, 1_000, 4, parent: 12)), (20, Stat("cron", 1, 1, 1)), (21, Stat("job", 500, 0, 5, parent: 20))]);
        var after = CpuCensus.Of(3 * Stopwatch.Frequency, [(10, Stat("bash", 5, 5, 2, childrenTicks: 10_300)), (12, Stat("spin", 200, 0, 9)), (20, Stat("cron", 101, 1, 1))]);

        Assert.Equal((300 + 200 + 100) * 10_000, after.OthersSince(before, new HashSet<int>()));
        Assert.Equal(("bash", 10, 300 * 10_000L), after.BusiestOtherSince(before, new HashSet<int> { 12, 20 }));
    }

    [Fact]
    public void UnchargedSince_IsBusyTimeNoCountedProcessHad_SoftirqThreadsIncluded()
    {
        // 3 s on one CPU, none of it idle: 300 ticks busy.
        var start = new MachineCpuTimes(IdleMicros: 0, StealMicros: 0, OnlineCpus: 1, TimestampTicks: 0);
        var end = start with { TimestampTicks = 3 * Stopwatch.Frequency };
        (int Id, string Stat)[] before = [(2, KernelThread("kthreadd", 0, 9)), (10, Stat("server", 100, 100, 5)), (20, Stat("wrk", 10, 10, 7)), (14, KernelThread("ksoftirqd/0", 100, 3))];
        (int Id, string Stat)[] after = [
            (2, KernelThread("kthreadd", 0, 9)),
            (10, Stat("server", 200, 150, 5, childrenTicks: 60)), // 150 ticks, and wrk's 60 in all: it ended, the server waited
            (30, Stat("new", 5, 0, 50)),                          // started meanwhile: 5
            (14, KernelThread("ksoftirqd/0", 140, 3)),            // 40, charged to no counted process
        ];

        // The counted processes had 195 ticks in the window (415 after, 220 before): 300 - 195 = 105 were nobody's.
        Assert.Equal(105 * 10_000, CpuCensus.Of(end.TimestampTicks, after, end).UnchargedSince(CpuCensus.Of(0, before, start)));
        // Two of the three seconds idle: the processes are ahead of the machine by the tick they are counted in; none.
        Assert.Equal(0, CpuCensus.Of(end.TimestampTicks, after, end with { IdleMicros = 2_000_000 }).UnchargedSince(CpuCensus.Of(0, before, start)));
        // A census made of given lines has no machine reading; CPUs that came or went leave no busy time.
        Assert.Null(CpuCensus.Of(end.TimestampTicks, after).UnchargedSince(CpuCensus.Of(0, before, start)));
        Assert.Null(CpuCensus.Of(end.TimestampTicks, after, end with { OnlineCpus = 2 }).UnchargedSince(CpuCensus.Of(0, before, start)));
    }

    [Fact]
    public void UnchargedSince_KernelWorkerThatEnded_LeavesOnlyItsTimeInTheWindow()
    {
        var start = new MachineCpuTimes(IdleMicros: 0, StealMicros: 0, OnlineCpus: 1, TimestampTicks: 0);
        var end = start with { TimestampTicks = 3 * Stopwatch.Frequency };
        // kthreadd reaps its workers without keeping their time: this one's 5,000 ticks of life are nobody's now.
        var before = CpuCensus.Of(0, [(2, KernelThread("kthreadd", 0, 9)), (10, Stat("server", 100, 100, 5)), (70, KernelThread("kworker/0:1", 5_000, 40))], start);
        var after = CpuCensus.Of(end.TimestampTicks, [(2, KernelThread("kthreadd", 0, 9)), (10, Stat("server", 150, 150, 5))], end);

        Assert.Equal(200 * 10_000, after.UnchargedSince(before));
    }

    [Fact]
    public void UnchargedSince_CensusThatSeesNoKernelThread_GivesNone()
    {
        // In a PID namespace /proc/stat still counts the whole machine, processes the census cannot see among them.
        var start = new MachineCpuTimes(IdleMicros: 0, StealMicros: 0, OnlineCpus: 1, TimestampTicks: 0);
        var before = CpuCensus.Of(0, [(1, Stat("init", 1, 1, 1))], start);
        var after = CpuCensus.Of(Stopwatch.Frequency, [(1, Stat("init", 1, 1, 1))], start with { TimestampTicks = Stopwatch.Frequency });

        Assert.Null(after.UnchargedSince(before));
    }

    [Fact]
    public void Take_ReadsTheMachineAroundTheProcesses()
    {
        var before = MachineCpuTimes.Read();
        var census = CpuCensus.Take();
        var after = MachineCpuTimes.Read();

        var machine = Assert.IsType<MachineCpuTimes>(census.Machine);
        Assert.InRange(machine.TimestampTicks, before.TimestampTicks, after.TimestampTicks);
        Assert.Equal(0, census.UnchargedSince(census)); // this machine's kernel threads are visible (no PID namespace)
    }

    [Fact]
    public void Of_LeavesOutLinesItCannotRead()
    {
        var census = CpuCensus.Of(0, [(1, "1 (cut short) S 1"), (2, "garbage"), (3, Stat("fine", 1, 1, 1))]);

        Assert.Equal(1, census.Count);
    }

    [Fact]
    public void Take_CountsAChildThatWorks_AsOurs_AndOnlyThen()
    {
        using var child = Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]))!;
        try
        {
            var before = CpuCensus.Take();
            var start = ProcessSnapshot.Read(child.Id).CpuMicros;
            long childMicros;
            var waited = Stopwatch.StartNew();
            do
            {
                Thread.Sleep(50);
                childMicros = ProcessSnapshot.Read(child.Id).CpuMicros - start;
            }
            while (childMicros < 50_000 && waited.Elapsed < TimeSpan.FromSeconds(20));

            var after = CpuCensus.Take();
            var ours = CpuCensus.OurProcesses();

            Assert.Contains(child.Id, ours);
            Assert.Contains(Environment.ProcessId, ours);
            Assert.True(after.Count > 1, "a census sees more than this process");
            var withOurs = after.OthersSince(before, new HashSet<int>());
            var withoutOurs = after.OthersSince(before, ours);
            Assert.True(withOurs - withoutOurs >= 50_000, $"the child's CPU ({childMicros} µs) is ours: {withOurs} µs counted with it, {withoutOurs} without");
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }
}
