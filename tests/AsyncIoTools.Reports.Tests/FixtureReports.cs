using AsyncIoTools.Benchmarks.Results;
using static AsyncIoTools.Reports.Tests.FixtureResults;

namespace AsyncIoTools.Reports.Tests;

/// <summary>The hand-written result sets the report tests share (no figure here was measured).</summary>
internal static class FixtureReports
{
    public static readonly int[] SweepPoints = [100, 1_000, 10_000];

    /// <summary>c10k: select refused (FD_SETSIZE), poll, two epoll variants (one noisy), io_uring.</summary>
    public static BenchmarkResult C10k() => Result("c10k", [
        NotRun("select", RunStatus.Unavailable, "select cannot watch descriptor 1024: FD_SETSIZE is 1024; use poll or epoll", 10_000),
        Run("poll", connections: 10_000, requestsPerSecond: 40_000, p99Micros: 9_000, cpuMicros: 30, syscalls: 2.1, rssPerConnection: 180),
        Run("epoll", "level", 10_000, requestsPerSecond: 118_000, p99Micros: 3_000, cpuMicros: 7.5, syscalls: 2.0, spread: 0.2),
        Run("epoll", "edge", 10_000, requestsPerSecond: 117_000, p99Micros: 3_100, cpuMicros: 7.0, syscalls: 3.0),
        Run("io_uring", connections: 10_000, requestsPerSecond: 119_000, p99Micros: 2_900, cpuMicros: 6.0, syscalls: 0.5, rssPerConnection: 150),
    ]);

    /// <summary>c10k-idle swept over 100 → 10,000 connections with 100 active: poll's CPU grows, epoll's and io_uring's stay flat.</summary>
    public static BenchmarkResult IdleSweep(double pollGrowth = 12, double epollGrowth = 1.075) => Result(
        "c10k-idle",
        [
            .. SweepPoints.Select((c, i) => Run("poll", connections: c, active: 100, requestsPerSecond: 50_000, p99Micros: 800 * Math.Pow(pollGrowth, i / 2.0), cpuMicros: 10 * Math.Pow(pollGrowth, i / 2.0), syscalls: 2.0)),
            .. SweepPoints.Select((c, i) => Run("epoll", "level", c, active: 100, requestsPerSecond: 52_000, p99Micros: 500, cpuMicros: 8 * Math.Pow(epollGrowth, i / 2.0), syscalls: 2.0)),
            .. SweepPoints.Select((c, i) => Run("io_uring", connections: c, active: 100, requestsPerSecond: 53_000, p99Micros: 480, cpuMicros: 6 + (0.1 * i), syscalls: 0.6)),
        ],
        started: Start.AddHours(1));

    /// <summary>Names and reasons full of markdown and HTML: pipes, backticks, tags, newlines.</summary>
    public static BenchmarkResult Hostile() => Result(
        "evil|scenario `x` <b>bold</b>",
        [
            Run("evil|engine", "<script>alert(1)</script>", requestsPerSecond: 90_000),
            Run("epoll", "level", requestsPerSecond: 100_000),
            NotRun("x`y``z", RunStatus.Failed, "line one\nline two | with a pipe, <i>html</i>, `code` and *stars*"),
        ],
        description: "# not a heading\n- not a list | not a cell");
}
