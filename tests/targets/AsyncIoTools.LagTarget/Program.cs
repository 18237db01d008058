using System.Globalization;
using System.Text.Json;
using AsyncIoTools.LagTarget;

// A service-like process for the diagnostics tests. It starts its workload, prints one "ready" line, then answers
// one JSON line per command read from standard input:
//   lag START END   the probe's delay percentiles for items that ran between two CLOCK_MONOTONIC timestamps (ns)
//   inflight        pending calls per async method, as counted by the methods themselves
//   stats           completed requests so far (the throughput figure for overhead runs)
//   quit            exit 0
var settings = TargetSettings.Parse(args);
ThreadPool.GetMaxThreads(out _, out var maxIo);
ThreadPool.SetMaxThreads(Math.Max(settings.MaxWorkerThreads, Environment.ProcessorCount), maxIo);

var probe = new LagProbe();
var handler = new OrderHandler(settings);
SubscriptionPump.Start(settings.Subscriptions);
SessionReader.Start(settings.Readers);
if (settings.Mode is BlockingMode.Stall or BlockingMode.Hang)
{
    PriceCache.StartRefresher(forever: settings.Mode == BlockingMode.Hang);
}

probe.Start();
new RequestSource(settings, handler).Start();
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
        "lag" => probe.Measure(long.Parse(words[1], CultureInfo.InvariantCulture), long.Parse(words[2], CultureInfo.InvariantCulture)),
        "inflight" => InFlight.Snapshot(),
        "stats" => new { completed = handler.Completed, timestamp = System.Diagnostics.Stopwatch.GetTimestamp() },
        "quit" => new { @event = "bye" },
        _ => new { error = $"unknown command: {line}" },
    };
    Console.Out.WriteLine(JsonSerializer.Serialize(answer, json));
    Console.Out.Flush();
    if (words.FirstOrDefault() == "quit")
    {
        break;
    }
}
