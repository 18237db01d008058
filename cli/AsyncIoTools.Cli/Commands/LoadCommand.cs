using AsyncIoTools.Processes;
using System.CommandLine;
using System.Net;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Cli.Rendering.Views;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Failures;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Cli.Commands;

/// <summary><c>aiotools load</c>: drive any server (ours, nginx, …) with our load generator.</summary>
internal static class LoadCommand
{
    public static Command Create()
    {
        var target = new Option<(IPEndPoint EndPoint, string? Path)>("--target", "-t")
        {
            Description = "Server to load: ADDR:PORT or http://ADDR:PORT/path.",
            Required = true,
            CustomParser = TargetParser.Parse,
        };
        var defaults = LoadSettings.Defaults;
        var connections = SharedOptions.Connections(defaults.Connections);
        var active = new Option<int?>("--active") { Description = "Connections that send requests; the rest stay open and idle. Default: all." };
        var duration = SharedOptions.Duration(defaults.Duration);
        var warmup = SharedOptions.Duration(defaults.Warmup, "--warmup");
        var rate = new Option<double?>("--rate", "-R") { Description = "Constant rate (requests/s over all connections); latency then counts from each request's intended start. Default: closed loop." };
        var protocol = SharedOptions.Protocol(defaults.Protocol);
        var messageSize = SharedOptions.MessageSize(defaults.MessageBytes);
        var pipeline = new Option<int>("--pipeline") { Description = "Requests in flight per connection (HTTP pipelining).", DefaultValueFactory = _ => defaults.Pipeline };
        var perConnection = new Option<int>("--requests-per-connection") { Description = "Close and reconnect after this many requests (1 = connection churn); 0 keeps connections open.", DefaultValueFactory = _ => defaults.RequestsPerConnection };
        var threads = new Option<int>("--threads") { Description = "Load threads; 0 = one per usable CPU.", DefaultValueFactory = _ => defaults.Threads };
        var timeout = SharedOptions.Duration(defaults.Timeout, "--timeout", "A request not answered within this is a timeout error, and its connection is reopened: 500ms, 10s, 1m.");
        var noDelay = new Option<bool>("--nodelay") { Description = "Set TCP_NODELAY on client sockets." };
        var fastOpen = new Option<bool>("--fastopen") { Description = "TCP_FASTOPEN_CONNECT: send the first request with the SYN (needs net.ipv4.tcp_fastopen & 1)." };
        var sources = new Option<IReadOnlyList<IPAddress>?>("--source-addresses")
        {
            Description = "Local addresses to connect from, comma-separated (default: automatic, 127.0.0.x past one address's ports).",
            CustomParser = ParseAddresses,
        };
        // Hidden like --control: the runner sets it for its load shards from the server's accept queues.
        var connectConcurrency = new Option<int>("--connect-concurrency")
        {
            Description = "Connects in flight at once per thread while ramping up.",
            DefaultValueFactory = _ => defaults.ConnectConcurrency,
            Hidden = true,
        };
        var control = new Option<bool>("--control") { Description = "Run as a runner's load shard: say ready, connect when told, then measure on command from stdin.", Hidden = true };
        var cpus = new Option<IReadOnlyList<int>?>("--cpus") { Description = "Pin the load generator to these CPUs.", CustomParser = SharedOptions.ParseCpuList };
        var hlog = SharedOptions.Hlog("The latency of every 1 s interval as an HdrHistogram interval log (.hlog), e.g. for HdrHistogram's plotter; never overwritten.");

        var command = new Command("load", "Load a server with our generator (closed loop, or constant rate with corrected latency) and print the figures.")
        {
            target, connections, active, duration, warmup, rate, protocol, messageSize, pipeline, perConnection, threads, timeout, noDelay, fastOpen, sources, cpus, hlog, connectConcurrency, control,
        };
        command.SetAction(RenderedCommand.Tables, async (parseResult, renderer, cancellationToken) =>
        {
            var options = Bind(parseResult);
            if (parseResult.GetValue(cpus) is { Count: > 0 } pinned)
            {
                CpuAffinity.PinProcess(Environment.ProcessId, pinned.ToArray());
            }

            if (parseResult.GetValue(control))
            {
                await LoadHost.RunControlledAsync(options, Console.In, Console.Out, cancellationToken);
                return 0;
            }

            var hlogPath = parseResult.GetValue(hlog);
            IntervalLogs.CheckWritable(hlogPath);
            var report = await LoadTest.RunAsync(options, Environment.CommandLine, cancellationToken);
            if (hlogPath is not null)
            {
                IntervalLogs.WriteLoad(report, hlogPath);
            }

            renderer.Document(report, LoadViews.Report);
            return 0;
        });
        return command;
    }

    /// <summary>The load options a parsed <c>load</c> command line asks for.</summary>
    internal static LoadOptions Bind(ParseResult parseResult)
    {
        T Get<T>(Setting setting) => parseResult.GetValue<T>(OptionSpelling.Of(setting))!;
        var (endPoint, path) = Get<(IPEndPoint EndPoint, string? Path)>(Setting.Target);
        return new LoadOptions
        {
            Target = endPoint,
            Path = string.IsNullOrEmpty(path) ? "/" : path,
            Connections = Get<int>(Setting.Connections),
            Active = Get<int?>(Setting.Active),
            Duration = Get<TimeSpan>(Setting.Duration),
            Warmup = Get<TimeSpan>(Setting.Warmup),
            Rate = Get<double?>(Setting.Rate),
            Protocol = Get<ProtocolKind>(Setting.Protocol),
            MessageBytes = Get<int>(Setting.MessageSize),
            Pipeline = Get<int>(Setting.Pipeline),
            RequestsPerConnection = Get<int>(Setting.RequestsPerConnection),
            Threads = Get<int>(Setting.Threads),
            Timeout = Get<TimeSpan>(Setting.Timeout),
            NoDelay = Get<bool>(Setting.Nodelay),
            FastOpen = Get<bool>(Setting.Fastopen),
            SourceAddresses = Get<IReadOnlyList<IPAddress>?>(Setting.SourceAddresses),
            ConnectConcurrency = Get<int>(Setting.ConnectConcurrency),
        };
    }

    private static IReadOnlyList<IPAddress>? ParseAddresses(System.CommandLine.Parsing.ArgumentResult result)
    {
        var addresses = new List<IPAddress>();
        foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!IPAddress.TryParse(part, out var address))
            {
                result.AddError($"'{part}' is not an IP address (--source-addresses)");
                return null;
            }

            addresses.Add(address);
        }

        return addresses;
    }
}
