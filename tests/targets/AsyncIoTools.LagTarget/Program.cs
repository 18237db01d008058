using System.Globalization;
using System.Text.Json;
using AsyncIoTools.LagTarget;

// A service-like process for the diagnostics tests. It starts its workload, prints one "ready" line, then answers
// one JSON line per command read from standard input:
//   lag START END   delay percentiles of the items queued and run between two CLOCK_MONOTONIC timestamps (ns)
//   inflight        pending calls per async method, as counted by the methods themselves
//   stats           completed requests so far (the throughput figure for overhead runs)
//   hung            answers once every pool thread is blocked on the price cache's lock (modes stall and hang),
//                   or after 30 s with hung false: what a test waits for instead of sleeping "until it hangs"
//   quit            exit 0
// With --collect-garbage-percent P a thread keeps the GC compacting a retained graph about P% of the time, so that a
// heap snapshot often stops the target in the middle of a collection.
// With --then MODE --switch-after-ms N it behaves as --mode says for N ms, then as MODE (the request handler only:
// the pool limits of the starving modes are set at start).
var settings = TargetSettings.Parse(args);

// A warm-up that blocks the pool, as services that load caches on pool threads do: COUNT items of 5 ms queued from
// this (non-pool) thread at once. Their waits are the startup lag that only a session set up before the first
// instruction (a diagnostic port) sees; an attach by process id comes after they are queued.
for (var i = 0; i < settings.StartupBurst; i++)
{
    ThreadPool.UnsafeQueueUserWorkItem(_ => Thread.Sleep(5), null);
}

// The starving modes cap the pool, as a container's limits would, so the backlog grows instead of the thread count.
// Sync-over-async keeps the default limit: capped, its blocked callers would wait for continuations that need one
// of their own threads, a deadlock rather than the lag this mode is for.
var maxThreads = settings.MaxWorkerThreads > 0 ? settings.MaxWorkerThreads : settings.Mode is BlockingMode.HeavySleep or BlockingMode.Stall or BlockingMode.Hang ? 8 : 0;
if (maxThreads > 0)
{
    ThreadPool.GetMaxThreads(out _, out var maxIo);
    ThreadPool.SetMaxThreads(Math.Max(maxThreads, Environment.ProcessorCount), maxIo);
    if (settings.Mode == BlockingMode.Hang)
    {
        // The hang must be whole within a second of the lock being taken: the pool otherwise adds its threads one
        // per half second of starvation, and each new one serves queued items before it blocks too.
        ThreadPool.GetMinThreads(out _, out var minIo);
        ThreadPool.SetMinThreads(Math.Max(maxThreads, Environment.ProcessorCount), minIo);
    }
}

if (settings.Mode == BlockingMode.SteadyLag)
{
    settings = settings with { RequestsPerSecond = 0, Readers = 0, Subscriptions = 0 };
    SteadyLag.Start();
}

var probe = new LagProbe();
var handler = new OrderHandler(settings);
SubscriptionPump.Start(settings.Subscriptions);
SessionReader.Start(settings.Readers);
if (settings.Mode is BlockingMode.Stall or BlockingMode.Hang)
{
    PriceCache.StartRefresher(forever: settings.Mode == BlockingMode.Hang);
}

probe.Start();
GarbageChurn.Start(settings.CollectGarbagePercent);
var requests = new RequestSource(settings, handler);
requests.Start();
if (settings.ThenMode is { } then)
{
    // Healthy (or as --mode says) for --switch-after-ms, then misbehaving as --then says, without a restart.
    // The switch's wall-clock time goes to standard output, so a check can time a watch's trigger against it.
    _ = Task.Delay(settings.SwitchAfter).ContinueWith(
        _ =>
        {
            handler.Switch(then);
            Console.Out.WriteLine(JsonSerializer.Serialize(new { @event = "switched", mode = then.ToString(), at = DateTimeOffset.UtcNow }));
            Console.Out.Flush();
        },
        TaskScheduler.Default);
}

if (settings.ExitAfter > TimeSpan.Zero)
{
    _ = Task.Delay(settings.ExitAfter).ContinueWith(_ => Environment.Exit(0), TaskScheduler.Default);
}

var json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
Console.Out.WriteLine(JsonSerializer.Serialize(new { @event = "ready", pid = Environment.ProcessId, mode = settings.Mode.ToString() }, json));
Console.Out.Flush();

while (Console.In.ReadLine() is { } line)
{
    var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    object answer = words.FirstOrDefault() switch
    {
        "lag" => Truth(probe, requests, long.Parse(words[1], CultureInfo.InvariantCulture), long.Parse(words[2], CultureInfo.InvariantCulture)),
        "inflight" => InFlight.Snapshot(),
        "stats" => new { completed = handler.Completed, timestamp = System.Diagnostics.Stopwatch.GetTimestamp() },
        "hung" => Hung(),
        "quit" => new { @event = "bye" },
        "exit-in" => ExitIn(TimeSpan.FromMilliseconds(long.Parse(words[1], CultureInfo.InvariantCulture))),
        _ => new { error = $"unknown command: {line}" },
    };
    Console.Out.WriteLine(JsonSerializer.Serialize(answer, json));
    Console.Out.Flush();
    if (words.FirstOrDefault() == "quit")
    {
        break;
    }
}

// Exits on its own a while after saying so: a check can then act on a process that is about to exit.
static object ExitIn(TimeSpan delay)
{
    _ = Task.Delay(delay).ContinueWith(_ => Environment.Exit(0), TaskScheduler.Default);
    return new { @event = "exiting", inMilliseconds = delay.TotalMilliseconds };
}

static object Hung()
{
    var hung = PriceCache.WaitUntilHung(TimeSpan.FromSeconds(30), out var blocked, out var poolThreads);
    return new { hung, blocked, poolThreads, queued = ThreadPool.PendingWorkItemCount };
}

static LagTruth Truth(LagProbe probe, RequestSource requests, long start, long end)
{
    var probeOnly = probe.Delays.Measure(start, end);
    var all = DelayLog.Merge(start, end, probe.Delays, requests.Delays);
    return new LagTruth(all.Samples, all.P50, all.P90, all.P99, all.Max, probeOnly.Samples, probeOnly.P99, probe.OldestPendingMicros());
}
