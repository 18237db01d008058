using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Claims;

/// <summary>
/// The seeds' numeric claims that this toolkit can measure, each with its check and the command that measures
/// it. A claim's own figure is its threshold: a "24×" claim is confirmed at 24×, not at a softened 10×. Where a claim
/// names no figure ("beats", "fewer"), the bound is the runner's noise threshold (10%) or a margin stated with the
/// claim. Scenario and case names follow the scenario catalogue (benchmarks/scenarios/*.json), engines the registry.
/// </summary>
public static class ClaimCatalogue
{
    private const string AsyncIoChapter = "async-io-and-event-driven.md";
    private const string EventLoopChapter = "event-loop-and-concurrency.md";
    private const string EpollSection = AsyncIoChapter + " › epoll: O(1) 이벤트 통지의 혁명";
    private const string IoUringSection = EventLoopChapter + " › 3.3 io_uring: 미래의 I/O";
    private const string TcpSection = AsyncIoChapter + " › TCP 최적화";
    private const string ZeroCopySection = AsyncIoChapter + " › Zero-copy 네트워킹";
    private const string IdleSweep = "aiotools bench --scenario c10k-idle --engine poll,epoll,io_uring --interleave";
    private const string C10k = "aiotools bench --scenario c10k --engine epoll,io_uring";
    private const string File64m = "aiotools bench --scenario file-64m --interleave";

    /// <summary>Linux's shortest delayed-ACK timeout (TCP_DELACK_MIN, HZ/25), in µs: what a Nagle stall waits for.</summary>
    private const double DelayedAckMicros = 40_000;

    /// <summary>The file-64m cases that move file bytes without copying them through user space.</summary>
    private static readonly string[] ZeroCopyCases = ["sendfile", "splice"];

    private static readonly RowSelector Poll = new("poll");
    private static readonly RowSelector Epoll = new("epoll");
    private static readonly RowSelector IoUring = new("io_uring");

    public static IReadOnlyList<Claim> Default { get; } =
    [
        new(
            "epoll-latency-vs-poll",
            "At 10,000 connections with 100 active, epoll answers 24× faster than poll (12 ms → 0.5 ms; the seed's 30× is against select, which cannot hold 10,000 descriptors).",
            EpollSection,
            new RatioCheck { Scenario = "c10k-idle", Numerator = Poll, Denominator = Epoll, Metric = ReportMetrics.P50, AtLeast = 24, Connections = 10_000 },
            IdleSweep),
        new(
            "epoll-cpu-vs-poll",
            "In the same experiment epoll needs 12× less CPU than poll (60% → 5%).",
            EpollSection,
            new RatioCheck { Scenario = "c10k-idle", Numerator = Poll, Denominator = Epoll, Metric = ReportMetrics.CpuPerRequest, AtLeast = 12, Connections = 10_000 },
            IdleSweep),
        new(
            "epoll-flat",
            "epoll's cost does not grow with idle connections: it reports only the ready descriptors (O(1)); flat within 25% from 100 to 10,000 open.",
            AsyncIoChapter + " › epoll: O(1) 이벤트 통지",
            new SweepCheck { Scenario = "c10k-idle", Engine = Epoll, Metric = ReportMetrics.CpuPerRequest, Shape = SweepShape.Flat, Factor = 1.25 },
            IdleSweep),
        new(
            "io-uring-flat",
            "io_uring's cost does not grow with idle connections either: completions come only for the connections that sent; flat within 25%.",
            IoUringSection,
            new SweepCheck { Scenario = "c10k-idle", Engine = IoUring, Metric = ReportMetrics.CpuPerRequest, Shape = SweepShape.Flat, Factor = 1.25 },
            IdleSweep),
        new(
            "poll-grows",
            "poll scans every descriptor on every call (O(n)): its cost grows with idle connections (at least 2× from 100 to 10,000 open).",
            AsyncIoChapter + " › poll",
            new SweepCheck { Scenario = "c10k-idle", Engine = Poll, Metric = ReportMetrics.CpuPerRequest, Shape = SweepShape.Grows, Factor = 2 },
            IdleSweep),
        new(
            "select-fd-setsize",
            "select cannot watch descriptors past FD_SETSIZE (1,024).",
            AsyncIoChapter + " › select: 1983년의 혁명",
            new DescriptorLimitCheck { Engine = "select", Limit = 1024, LimitNames = ["FD_SETSIZE", "1024", "1,024"] },
            "aiotools bench --scenario c10k-idle --engine select --sweep connections=2500"),
        new(
            "io-uring-throughput",
            "io_uring serves 2–3× the requests per second of epoll.",
            IoUringSection,
            new RatioCheck { Scenario = "c10k", Numerator = IoUring, Denominator = Epoll, Metric = ReportMetrics.Throughput, AtLeast = 2 },
            C10k),
        new(
            "io-uring-syscalls",
            "io_uring submits a batch with one system call (\"zero-syscall in fast path\"): under a third of epoll's system calls per request.",
            IoUringSection,
            new RatioCheck { Scenario = "c10k", Numerator = Epoll, Denominator = IoUring, Metric = ReportMetrics.SyscallsPerRequest, AtLeast = 3 },
            C10k),
        new(
            "io-uring-cpu",
            "With fewer system calls, io_uring spends less CPU per request than epoll: at most 0.9× (10%, the noise threshold, less).",
            IoUringSection,
            new RatioCheck { Scenario = "c10k", Numerator = IoUring, Denominator = Epoll, Metric = ReportMetrics.CpuPerRequest, AtMost = 0.9 },
            C10k),
        new(
            "event-loop-vs-threads-throughput",
            "Under \"ab -n 10000 -c 1000\" (no keep-alive) an event-driven server serves 17× a process-per-connection one (850 → 15,000 req/s).",
            AsyncIoChapter + " › 실전 경험: nginx의 비밀",
            new RatioCheck { Scenario = "churn", Numerator = Epoll, Denominator = new("threads"), Metric = ReportMetrics.Throughput, AtLeast = 17, Connections = 1_000 },
            "aiotools bench --scenario churn --engine epoll,threads --connections 1000"),
        new(
            "event-loop-vs-threads-memory",
            "…with 1/166 of the memory (2.5 GB → 15 MB): thread-per-connection costs far more memory per connection than an event loop.",
            AsyncIoChapter + " › 실전 경험: nginx의 비밀",
            new RatioCheck { Scenario = "c10k", Numerator = new("threads"), Denominator = Epoll, Metric = ReportMetrics.RssPerConnection, AtLeast = 166 },
            "aiotools bench --scenario c10k --engine epoll,threads"),
        new(
            "zero-copy-throughput",
            "sendfile and splice serve a large file faster than read/write through a user buffer: at least 1.1× the MiB/s (past the 10% noise threshold), on the same engine.",
            ZeroCopySection,
            ZeroCopyAgainstReadWrite(ReportMetrics.MebibytesPerSecond, atLeast: 1.1, atMost: null),
            File64m),
        new(
            "zero-copy-cpu",
            "sendfile and splice need less CPU per byte than read/write, which copies every byte through user space twice: at most 0.9× its CPU per MiB, on the same engine.",
            ZeroCopySection,
            ZeroCopyAgainstReadWrite(ReportMetrics.CpuPerMebibyte, atLeast: null, atMost: 0.9),
            File64m),
        new(
            "nagle-stall",
            "With Nagle on, a response written as two small sends stalls on the peer's delayed ACK (Linux: ≥ 40 ms); TCP_NODELAY removes the stall. " +
            "Stall: median ≥ 20 ms (half that ACK delay) and ≥ 10× TCP_NODELAY's; gone: TCP_NODELAY's median under 5 ms.",
            TcpSection,
            new AllOfCheck
            {
                Parts =
                [
                    new RatioCheck { Scenario = "nagle", Numerator = new("*", "nodelay-off"), Denominator = new("*", "nodelay-on"), Metric = ReportMetrics.P50, AtLeast = 10, SameEngine = true },
                    new ValueCheck { Scenario = "nagle", Rows = new("*", "nodelay-off"), Metric = ReportMetrics.P50, AtLeast = DelayedAckMicros / 2 },
                    new ValueCheck { Scenario = "nagle", Rows = new("*", "nodelay-on"), Metric = ReportMetrics.P50, Below = DelayedAckMicros / 8 },
                ],
            },
            "aiotools bench --scenario nagle"),
        new(
            "cork-segments",
            "TCP_CORK merges a head and a body written apart into full segments: split writes need at least 1.25× the TCP segments per request of the same writes corked " +
            "(one segment saved of the three or four a request costs).",
            TcpSection,
            new RatioCheck { Scenario = "cork", Numerator = new("*", "split"), Denominator = new("*", "split-corked"), Metric = ReportMetrics.SegmentsPerRequest, AtLeast = 1.25, SameEngine = true },
            "aiotools bench --scenario cork"),
    ];

    /// <summary>sendfile's and splice's figure against read/write's on file-64m, case against case of each engine.</summary>
    private static AllOfCheck ZeroCopyAgainstReadWrite(Metric metric, double? atLeast, double? atMost) => new()
    {
        Parts = [.. ZeroCopyCases.Select(transfer => new RatioCheck
        {
            Scenario = "file-64m",
            Numerator = new("*", transfer),
            Denominator = new("*", "readwrite"),
            Metric = metric,
            AtLeast = atLeast,
            AtMost = atMost,
            SameEngine = true,
        })],
    };

    public static IReadOnlyList<ClaimResult> Evaluate(IReadOnlyList<Claim> claims, IReadOnlyList<ScenarioGroup> scenarios)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return claims.Select(c => new ClaimResult(c, c.Check.Evaluate(scenarios))).ToList();
    }
}
