using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Claims;

/// <summary>
/// The seeds' numeric claims that this toolkit can measure, each with its check and the command that measures
/// it. A claim's own figure is its threshold: a "24×" claim is confirmed at 24×, not at a softened 10×.
/// Scenario and engine names follow the scenario catalogue (benchmarks/scenarios) and the engine registry.
/// </summary>
public static class ClaimCatalogue
{
    private const string AsyncIoChapter = "async-io-and-event-driven.md";
    private const string EventLoopChapter = "event-loop-and-concurrency.md";
    private const string IdleSweep = "aiotools bench --scenario c10k-idle --engine poll,epoll,io_uring --sweep connections=100,1000,10000";

    public static IReadOnlyList<Claim> Default { get; } =
    [
        new(
            "epoll-latency-vs-poll",
            "At 10,000 connections with 100 active, epoll answers 24× faster than poll (12 ms → 0.5 ms; the seed's 30× is against select, which cannot hold 10,000 descriptors).",
            AsyncIoChapter + " › epoll: O(1) 이벤트 통지의 혁명",
            new RatioCheck { Scenario = "c10k-idle", Numerator = "poll", Denominator = "epoll", Metric = ReportMetrics.P50, AtLeast = 24, Connections = 10_000 },
            IdleSweep),
        new(
            "epoll-cpu-vs-poll",
            "In the same experiment epoll needs 12× less CPU than poll (60% → 5%).",
            AsyncIoChapter + " › epoll: O(1) 이벤트 통지의 혁명",
            new RatioCheck { Scenario = "c10k-idle", Numerator = "poll", Denominator = "epoll", Metric = ReportMetrics.CpuPerRequest, AtLeast = 12, Connections = 10_000 },
            IdleSweep),
        new(
            "epoll-flat",
            "epoll's cost does not grow with idle connections: it reports only the ready descriptors (O(1)).",
            AsyncIoChapter + " › epoll: O(1) 이벤트 통지",
            new SweepCheck { Scenario = "c10k-idle", Engine = "epoll", Metric = ReportMetrics.CpuPerRequest, Shape = SweepShape.Flat, Factor = 1.25 },
            IdleSweep),
        new(
            "poll-grows",
            "poll scans every descriptor on every call (O(n)): its cost grows with idle connections.",
            AsyncIoChapter + " › poll",
            new SweepCheck { Scenario = "c10k-idle", Engine = "poll", Metric = ReportMetrics.CpuPerRequest, Shape = SweepShape.Grows, Factor = 2 },
            IdleSweep),
        new(
            "select-fd-setsize",
            "select cannot watch descriptors past FD_SETSIZE (1,024).",
            AsyncIoChapter + " › select: 1983년의 혁명",
            new DescriptorLimitCheck { Engine = "select", Limit = 1024, LimitNames = ["FD_SETSIZE", "1024", "1,024"] },
            "aiotools bench --engine select --connections 2000"),
        new(
            "io-uring-throughput",
            "io_uring serves 2–3× the requests per second of epoll.",
            EventLoopChapter + " › 3.3 io_uring: 미래의 I/O",
            new RatioCheck { Scenario = "c10k", Numerator = "io_uring", Denominator = "epoll", Metric = ReportMetrics.Throughput, AtLeast = 2 },
            "aiotools bench --scenario c10k --engine epoll,io_uring"),
        new(
            "io-uring-syscalls",
            "io_uring submits a batch with one system call (\"zero-syscall in fast path\"): at least 3× fewer system calls per request than epoll.",
            EventLoopChapter + " › 3.3 io_uring: 미래의 I/O",
            new RatioCheck { Scenario = "c10k", Numerator = "epoll", Denominator = "io_uring", Metric = ReportMetrics.SyscallsPerRequest, AtLeast = 3 },
            "aiotools bench --scenario c10k --engine epoll,io_uring"),
        new(
            "event-loop-vs-threads-throughput",
            "Under \"ab -n 10000 -c 1000\" (no keep-alive) an event-driven server serves 17× a process-per-connection one (850 → 15,000 req/s).",
            AsyncIoChapter + " › 실전 경험: nginx의 비밀",
            new RatioCheck { Scenario = "churn", Numerator = "epoll", Denominator = "threads", Metric = ReportMetrics.Throughput, AtLeast = 17, Connections = 1_000 },
            "aiotools bench --scenario churn --engine epoll,threads --connections 1000"),
        new(
            "event-loop-vs-threads-memory",
            "…with 1/166 of the memory (2.5 GB → 15 MB): thread-per-connection costs far more memory per connection than an event loop.",
            AsyncIoChapter + " › 실전 경험: nginx의 비밀",
            new RatioCheck { Scenario = "c10k", Numerator = "threads", Denominator = "epoll", Metric = ReportMetrics.RssPerConnection, AtLeast = 166 },
            "aiotools bench --scenario c10k --engine epoll,threads"),
        new(
            "sendfile-cpu",
            "Zero-copy sendfile needs less CPU per byte served than read/write through a user buffer.",
            AsyncIoChapter + " › Zero-copy 네트워킹",
            new RatioCheck { Scenario = "file-64m*", Numerator = "*read*write*", Denominator = "*sendfile*", Metric = ReportMetrics.CpuPerMebibyte, AtLeast = 1.1 },
            "aiotools bench --scenario file-64m"),
    ];

    public static IReadOnlyList<ClaimResult> Evaluate(IReadOnlyList<Claim> claims, IReadOnlyList<ScenarioGroup> scenarios)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return claims.Select(c => new ClaimResult(c, c.Check.Evaluate(scenarios))).ToList();
    }
}
