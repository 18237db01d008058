using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Protocols;
using static AsyncIoTools.Reports.Tests.FixtureResults;
using AsyncIoTools.Workloads;

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

    /// <summary>The nagle scenario's two cases on epoll: median latency with Nagle on (the stall) and with TCP_NODELAY.</summary>
    public static BenchmarkResult Nagle(double offP50Micros = 42_000, double onP50Micros = 150) => Result(
        "nagle",
        [
            Run("epoll", connections: 10, requestsPerSecond: 230, p99Micros: offP50Micros * 4, cpuMicros: 40, syscalls: 3, caseName: "nodelay-off", segments: 4.9),
            Run("epoll", connections: 10, requestsPerSecond: 60_000, p99Micros: onP50Micros * 4, cpuMicros: 12, syscalls: 3, caseName: "nodelay-on", segments: 3.9),
        ],
        started: Start.AddHours(2),
        shape: s => s with
        {
            Cases =
            [
                new ScenarioCase { Name = "nodelay-off", Description = "Nagle on: the body waits for the head's ACK", SplitWrites = true, NoDelay = false },
                new ScenarioCase { Name = "nodelay-on", Description = "TCP_NODELAY: both writes leave at once", SplitWrites = true, NoDelay = true },
            ],
        });

    /// <summary>The cork scenario's three cases on epoll and io_uring, with segments per request as given for split and corked.</summary>
    public static BenchmarkResult Cork(double splitSegments = 3.9, double corkedSegments = 2.0) => Result(
        "cork",
        [
            .. new[] { "epoll", "io_uring" }.SelectMany(engine => new[]
            {
                Run(engine, connections: 100, requestsPerSecond: 50_000, cpuMicros: 15, syscalls: 2, caseName: "one-write", segments: 2.0),
                Run(engine, connections: 100, requestsPerSecond: 45_000, cpuMicros: 18, syscalls: 3, caseName: "split", segments: splitSegments),
                Run(engine, connections: 100, requestsPerSecond: 40_000, cpuMicros: 20, syscalls: 5, caseName: "split-corked", segments: corkedSegments),
            }),
        ],
        started: Start.AddHours(3),
        shape: s => s with
        {
            Cases =
            [
                new ScenarioCase { Name = "one-write", Description = "the whole response in one send" },
                new ScenarioCase { Name = "split", Description = "head and body as two sends", SplitWrites = true },
                new ScenarioCase { Name = "split-corked", Description = "two sends inside TCP_CORK", SplitWrites = true, Cork = true },
            ],
        });

    /// <summary>
    /// file-64m's three transfers on epoll: responses of 64 MiB, MiB/s from the request rates, CPU per MiB from the
    /// CPU per request (read/write 64 ms per file, i.e. 1 ms per MiB); io_uring knows no splice and is unavailable for it.
    /// </summary>
    public static BenchmarkResult File64m(double sendfileSpeedup = 1.5, double spliceSpeedup = 1.3, double sendfileCpu = 0.5, double spliceCpu = 0.6) => Result(
        "file-64m",
        [
            Run("epoll", connections: 4, requestsPerSecond: 10, p99Micros: 800_000, cpuMicros: 64_000, syscalls: 1_100, bytesPerRequest: Mebibytes64, caseName: "readwrite", otherCpuShare: 0.35),
            Run("epoll", connections: 4, requestsPerSecond: 10 * sendfileSpeedup, p99Micros: 600_000, cpuMicros: 64_000 * sendfileCpu, syscalls: 40, bytesPerRequest: Mebibytes64, caseName: "sendfile"),
            Run("epoll", connections: 4, requestsPerSecond: 10 * spliceSpeedup, p99Micros: 650_000, cpuMicros: 64_000 * spliceCpu, syscalls: 80, bytesPerRequest: Mebibytes64, caseName: "splice"),
            NotRun("io_uring", RunStatus.Unavailable, "the io_uring engine does not send files with splice", 4, caseName: "splice"),
        ],
        started: Start.AddHours(4),
        shape: s => s with
        {
            Protocol = ProtocolKind.File,
            File = new FileWorkload(Mebibytes64),
            Cases =
            [
                new ScenarioCase { Name = "readwrite", Description = "read() into a buffer, then write()", Transfer = FileTransfer.ReadWrite },
                new ScenarioCase { Name = "sendfile", Description = "sendfile(): page cache straight to the socket", Transfer = FileTransfer.Sendfile },
                new ScenarioCase { Name = "splice", Description = "splice() file → pipe → socket", Transfer = FileTransfer.Splice },
            ],
        });

    public static readonly int[] MessageSizes = [64, 4_096, 65_536];

    /// <summary>Echo swept over message sizes (recorded as a messageBytes sweep) on epoll and io_uring, 100 connections throughout.</summary>
    public static BenchmarkResult EchoSizeSweep() => Result(
        "echo-sizes",
        [
            .. MessageSizes.Select((size, i) => Run("epoll", "level", 100, requestsPerSecond: 80_000 / (i + 1), cpuMicros: 10 * (i + 1), syscalls: 2, bytesPerRequest: size, sweepParameter: "messageBytes", sweepValue: size)),
            .. MessageSizes.Select((size, i) => Run("io_uring", connections: 100, requestsPerSecond: 90_000 / (i + 1), cpuMicros: 8 * (i + 1), syscalls: 0.5, bytesPerRequest: size, sweepParameter: "messageBytes", sweepValue: size)),
        ],
        started: Start.AddHours(5),
        shape: s => s with { Protocol = ProtocolKind.Echo, MessageBytes = 4_096, Sweep = new ScenarioSweep("messageBytes", [.. MessageSizes.Select(m => (double)m)]) });

    /// <summary>select in c10k-idle: run where FD_SETSIZE allows, refused past it (recorded as an unavailable run naming the limit).</summary>
    public static BenchmarkResult SelectIdle() => Result(
        "c10k-idle",
        [
            Run("select", connections: 100, active: 100, requestsPerSecond: 40_000, cpuMicros: 12, syscalls: 3, sweepParameter: "connections", sweepValue: 100),
            Run("select", connections: 1_000, active: 100, requestsPerSecond: 30_000, cpuMicros: 40, syscalls: 3, sweepParameter: "connections", sweepValue: 1_000),
            NotRun("select", RunStatus.Unavailable, "select watches descriptors below FD_SETSIZE (1024) only; 2,500 connections need more: use poll or epoll", 2_500, active: 100),
        ],
        started: Start.AddHours(6),
        shape: s => s with { Active = 100, Sweep = new ScenarioSweep("connections", [100, 1_000, 2_500]) });

    private const long Mebibytes64 = 64L * 1024 * 1024;

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
