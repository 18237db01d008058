using System.CommandLine;
using System.Globalization;
using System.Net;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Failures;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Cli.Commands;

/// <summary><c>aiotools serve</c>: run one engine as a server until Ctrl+C or SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var defaults = ServeSettings.Defaults.Server;
        var engine = SharedOptions.Engine(defaults.Engine);
        var variant = SharedOptions.Variant();
        var protocol = SharedOptions.Protocol(defaults.Protocol.Kind);
        var messageSize = SharedOptions.MessageSize(defaults.Protocol.MessageBytes);
        var port = new Option<int>("--port", "-p") { Description = "TCP port; 0 picks a free one.", DefaultValueFactory = _ => defaults.Endpoint.Port };
        var bind = new Option<IPAddress>("--bind")
        {
            Description = "Address to listen on. Loopback unless you ask otherwise.",
            DefaultValueFactory = _ => defaults.Endpoint.Address,
            CustomParser = r => IPAddress.TryParse(r.Tokens[0].Value, out var a) ? a : Invalid(r.Tokens[0].Value, r),
        };
        var loops = SharedOptions.Loops(defaults.Loops);
        var accept = EnumOptions.Create("--accept", "reuseport: a listener per loop (SO_REUSEPORT); singleacceptor: one listener hands connections out.", defaults.Accept);
        var limits = defaults.Limits;
        var maxHead = new Option<int>("--max-head") { Description = "HTTP: largest request head in bytes (431 beyond).", DefaultValueFactory = _ => limits.MaxHeadBytes };
        var maxBody = new Option<long>("--max-body") { Description = "HTTP: largest request body in bytes (413 beyond; smaller ones are read and dropped).", DefaultValueFactory = _ => limits.MaxBodyBytes };
        var headTimeout = LimitDuration("--head-timeout", "A request head not complete this long after the connection (or the head) began is closed: 30s, 1m.", limits.HeadTimeout);
        var keepAliveTimeout = LimitDuration("--keepalive-timeout", "An idle connection between requests (or a stalled response) is closed after this.", limits.KeepAliveTimeout);
        var minReceiveRate = new Option<int>("--min-receive-rate") { Description = "Bytes per second a request body must average after the grace period; 0 turns the check off.", DefaultValueFactory = _ => limits.MinReceiveRate };
        var minReceiveRateGrace = LimitDuration("--min-receive-rate-grace", "How long a body may come slower than --min-receive-rate before it counts.", limits.MinReceiveRateGrace);
        var maxConnections = new Option<int>("--max-connections") { Description = "Connections open at once; one more is accepted, closed and counted. 0: no limit.", DefaultValueFactory = _ => limits.MaxConnections };
        var cpus = new Option<IReadOnlyList<int>?>("--cpus") { Description = "Pin the server to these CPUs, e.g. 0 or 0-1.", CustomParser = SharedOptions.ParseCpuList };
        var sharePort = new Option<bool>("--share-port") { Description = "Set SO_REUSEPORT so several servers can share the port (worker processes)." };
        var root = new Option<DirectoryInfo?>("--root") { Description = "File protocol: the folder to serve (nothing outside it is reachable)." };
        var transfer = EnumOptions.CreateOptional<FileTransfer>("--transfer", "File protocol: readwrite, sendfile or splice (default: the engine's zero-copy path: sendfile, splice for io_uring).");
        var noDelay = new Option<bool>("--nodelay") { Description = "TCP_NODELAY on accepted sockets (Nagle off); --nodelay false turns Nagle back on.", DefaultValueFactory = _ => defaults.Tuning.NoDelay };
        var cork = new Option<bool>("--cork") { Description = "TCP_CORK around each response's writes." };
        var splitWrites = new Option<bool>("--split-writes") { Description = "HTTP: send each response as two writes, head then body (the write-write-read pattern)." };
        var sendBuffer = new Option<int?>("--sndbuf") { Description = "SO_SNDBUF in bytes on accepted sockets (default: kernel autotuning)." };
        var receiveBuffer = new Option<int?>("--rcvbuf") { Description = "SO_RCVBUF in bytes on accepted sockets (default: kernel autotuning)." };
        var keepAlive = new Option<int?>("--keepalive-idle") { Description = "SO_KEEPALIVE with this idle time in seconds." };
        var fastOpen = new Option<int?>("--fastopen") { Description = "TCP_FASTOPEN on the listener with this queue length (needs net.ipv4.tcp_fastopen & 2)." };
        var congestionControl = new Option<string?>("--congestion-control")
        {
            Description = "TCP congestion control of accepted connections (TCP_CONGESTION on the listener): cubic, reno, bbr… (default: net.ipv4.tcp_congestion_control).",
        };
        var workers = new Option<int>("--workers") { Description = "Worker processes sharing the port (SO_REUSEPORT), each running the engine.", DefaultValueFactory = _ => defaults.Workers };
        // Hidden like --control: it carries ServerSettings.Backlog to a child server (the runner's, the module's jobs).
        var backlog = new Option<int>("--backlog")
        {
            Description = "listen() backlog; the kernel caps it at net.core.somaxconn.",
            DefaultValueFactory = _ => defaults.Backlog,
            Hidden = true,
        };
        var control = new Option<bool>("--control") { Description = "Answer the runner's control commands on stdin; end of stdin stops the server.", Hidden = true };

        var command = new Command("serve", "Run a server engine until Ctrl+C or SIGTERM; prints 'listening on ADDR:PORT' when ready.")
        {
            engine, variant, protocol, messageSize, port, bind, loops, accept, maxHead, maxBody, headTimeout, keepAliveTimeout,
            minReceiveRate, minReceiveRateGrace, maxConnections, cpus, sharePort,
            root, transfer, noDelay, cork, splitWrites, sendBuffer, receiveBuffer, keepAlive, fastOpen, congestionControl, workers, backlog, control,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = Bind(parseResult);
            if (options.Server.Limits.FindProblem() is { } problem)
            {
                throw new AsyncIoToolsException(FailureKind.Usage, $"serve: {problem}");
            }

            var counters = await ServerHost.RunAsync(options.Server, options.Host, Console.Out, Console.In, cancellationToken);
            await Console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"stopped: {counters.Requests} requests, {counters.ConnectionsAccepted} connections accepted, {counters.TotalSyscalls} syscalls"));
            return 0;
        });
        return command;
    }

    /// <summary>What a parsed <c>serve</c> command line asks for.</summary>
    internal static ServeOptions Bind(ParseResult parseResult)
    {
        T Get<T>(Setting setting) => parseResult.GetValue<T>(OptionSpelling.Of(setting))!;
        return new ServeOptions
        {
            Server = new ServerSettings
            {
                Engine = Get<string>(Setting.Engine),
                Variant = Get<string?>(Setting.Variant),
                Protocol = new ProtocolSettings
                {
                    Kind = Get<ProtocolKind>(Setting.Protocol),
                    MessageBytes = Get<int>(Setting.MessageSize),
                    FileRoot = Get<DirectoryInfo?>(Setting.Root)?.FullName,
                    SplitWrites = Get<bool>(Setting.SplitWrites),
                },
                Tuning = new SocketTuning
                {
                    NoDelay = Get<bool>(Setting.Nodelay),
                    Cork = Get<bool>(Setting.Cork),
                    SendBufferBytes = Get<int?>(Setting.Sndbuf),
                    ReceiveBufferBytes = Get<int?>(Setting.Rcvbuf),
                    KeepAliveIdleSeconds = Get<int?>(Setting.KeepaliveIdle),
                    FastOpenQueueLength = Get<int?>(Setting.Fastopen),
                    CongestionControl = Get<string?>(Setting.CongestionControl),
                },
                Limits = new ServerLimits
                {
                    MaxHeadBytes = Get<int>(Setting.MaxHead),
                    MaxBodyBytes = Get<long>(Setting.MaxBody),
                    HeadTimeout = Get<TimeSpan>(Setting.HeadTimeout),
                    KeepAliveTimeout = Get<TimeSpan>(Setting.KeepaliveTimeout),
                    MinReceiveRate = Get<int>(Setting.MinReceiveRate),
                    MinReceiveRateGrace = Get<TimeSpan>(Setting.MinReceiveRateGrace),
                    MaxConnections = Get<int>(Setting.MaxConnections),
                },
                Transfer = Get<FileTransfer?>(Setting.Transfer),
                Workers = Get<int>(Setting.Workers),
                Endpoint = new IPEndPoint(Get<IPAddress>(Setting.Bind), Get<int>(Setting.Port)),
                Loops = Get<int>(Setting.Loops),
                Accept = Get<AcceptMode>(Setting.Accept),
                SharePort = Get<bool>(Setting.SharePort),
                Backlog = Get<int>(Setting.Backlog),
            },
            Host = new ServerHostOptions { Cpus = Get<IReadOnlyList<int>?>(Setting.Cpus), Control = Get<bool>(Setting.Control) },
        };
    }

    private static Option<TimeSpan> LimitDuration(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = SharedOptions.ParseDuration,
    };

    private static IPAddress Invalid(string text, System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"'{text}' is not an IP address");
        return IPAddress.None;
    }
}
