using System.Management.Automation;
using System.Net;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.PowerShell.Arguments;
using AsyncIoTools.PowerShell.Completion;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.PowerShell.Loading;
using AsyncIoTools.PowerShell.Servers;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary>
/// <c>Start-IoEngineServer</c>: runs <c>aiotools serve</c> in a child process (the CLI's own serve command, under the
/// CLI's runtime settings) and returns it as a job once it listens.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "IoEngineServer", SupportsShouldProcess = true)]
[OutputType(typeof(IoEngineServerJob))]
public sealed class StartIoEngineServerCommand : AsyncIoToolsCmdlet
{
    private static readonly ServerSettings Defaults = ServeSettings.Defaults.Server;

    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(EngineCompleter))]
    public string Engine { get; set; } = Defaults.Engine;

    [Parameter]
    [ArgumentCompleter(typeof(VariantCompleter))]
    public string? Variant { get; set; }

    [Parameter]
    public ProtocolKind Protocol { get; set; } = Defaults.Protocol.Kind;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MessageSize { get; set; } = Defaults.Protocol.MessageBytes;

    /// <summary>TCP port; 0 picks a free one.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; } = Defaults.Endpoint.Port;

    /// <summary>Address to listen on; loopback unless you ask otherwise.</summary>
    [Parameter]
    [Alias("Bind")]
    public IPAddress Address { get; set; } = Defaults.Endpoint.Address;

    [Parameter]
    [ValidateRange(0, ServeSettings.MaxLoops)]
    public int Loops { get; set; } = Defaults.Loops;

    [Parameter]
    public AcceptMode Accept { get; set; } = Defaults.Accept;

    [Parameter]
    [ValidateRange(ServeSettings.MinHeadBytes, ServeSettings.MaxHeadBytes)]
    public int MaxHead { get; set; } = Defaults.Limits.MaxHeadBytes;

    /// <summary>Largest request body in bytes; 413 beyond.</summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    public long MaxBody { get; set; } = Defaults.Limits.MaxBodyBytes;

    /// <summary>A request head not complete this long after the connection (or the head) began is closed.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan HeadTimeout { get; set; } = Defaults.Limits.HeadTimeout;

    /// <summary>An idle connection between requests (or a stalled response) is closed after this.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan KeepAliveTimeout { get; set; } = Defaults.Limits.KeepAliveTimeout;

    /// <summary>Bytes per second a request body must average after the grace period; 0 turns the check off.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MinReceiveRate { get; set; } = Defaults.Limits.MinReceiveRate;

    [Parameter]
    [DurationTransformation]
    public TimeSpan MinReceiveRateGrace { get; set; } = Defaults.Limits.MinReceiveRateGrace;

    /// <summary>Connections open at once; one more is accepted, closed and counted. 0: no limit.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MaxConnections { get; set; } = Defaults.Limits.MaxConnections;

    /// <summary>Pin the server process to these CPUs.</summary>
    [Parameter]
    public int[]? Cpus { get; set; }

    [Parameter]
    public SwitchParameter SharePort { get; set; }

    /// <summary>File protocol: the folder to serve.</summary>
    [Parameter]
    public string? Root { get; set; }

    /// <summary>File protocol: how files are sent; unless given, the engine's zero-copy path (Sendfile, Splice for io_uring).</summary>
    [Parameter]
    public FileTransfer Transfer { get; set; }

    /// <summary>TCP_NODELAY on accepted sockets; on unless -NoDelay:$false.</summary>
    [Parameter]
    public SwitchParameter NoDelay { get; set; } = Defaults.Tuning.NoDelay;

    [Parameter]
    public SwitchParameter Cork { get; set; }

    [Parameter]
    public SwitchParameter SplitWrites { get; set; }

    [Parameter]
    [Alias("SndBuf")]
    [ValidateRange(1, int.MaxValue)]
    public int SendBuffer { get; set; }

    [Parameter]
    [Alias("RcvBuf")]
    [ValidateRange(1, int.MaxValue)]
    public int ReceiveBuffer { get; set; }

    /// <summary>SO_KEEPALIVE with this idle time in seconds.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int KeepAliveIdle { get; set; }

    /// <summary>TCP_FASTOPEN on the listener with this queue length.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int FastOpen { get; set; }

    /// <summary>TCP congestion control of accepted connections (TCP_CONGESTION on the listener): cubic, reno, bbr…</summary>
    [Parameter]
    [ArgumentCompleter(typeof(CongestionControlCompleter))]
    [ValidateNotNullOrEmpty]
    public string? CongestionControl { get; set; }

    [Parameter]
    [ValidateRange(1, ServeSettings.MaxWorkers)]
    public int Workers { get; set; } = Defaults.Workers;

    /// <summary>The job's name (Get-Job -Name).</summary>
    [Parameter]
    public string? Name { get; set; }

    protected override void ProcessRecord()
    {
        var settings = new ServerSettings
        {
            Engine = Engine,
            Variant = Variant,
            Protocol = new ProtocolSettings
            {
                Kind = Protocol,
                MessageBytes = MessageSize,
                FileRoot = Root is { } root ? FileSystemPath(root) : null,
                SplitWrites = SplitWrites,
            },
            Tuning = new SocketTuning
            {
                NoDelay = NoDelay,
                Cork = Cork,
                SendBufferBytes = IfBound(nameof(SendBuffer), SendBuffer),
                ReceiveBufferBytes = IfBound(nameof(ReceiveBuffer), ReceiveBuffer),
                KeepAliveIdleSeconds = IfBound(nameof(KeepAliveIdle), KeepAliveIdle),
                FastOpenQueueLength = IfBound(nameof(FastOpen), FastOpen),
                CongestionControl = CongestionControl,
            },
            Limits = new ServerLimits
            {
                MaxHeadBytes = MaxHead,
                MaxBodyBytes = MaxBody,
                HeadTimeout = HeadTimeout,
                KeepAliveTimeout = KeepAliveTimeout,
                MinReceiveRate = MinReceiveRate,
                MinReceiveRateGrace = MinReceiveRateGrace,
                MaxConnections = MaxConnections,
            },
            Transfer = IfBound(nameof(Transfer), Transfer),
            Workers = Workers,
            Endpoint = new IPEndPoint(Address, Port),
            Loops = Loops,
            Accept = Accept,
            SharePort = SharePort,
        };
        var what = $"{Engine}{(Variant is null ? string.Empty : ":" + Variant)} server on {settings.Endpoint}";
        if (!ShouldProcess(what, "Start"))
        {
            return;
        }

        var server = Run(
            (_, cancellationToken) => ServerProcess.StartAsync(ModuleFolders.ServerLaunch(), settings, Cpus, cancellationToken),
            Engine,
            out var started);
        if (!started || server is null)
        {
            return;
        }

        var job = new IoEngineServerJob(server, settings, MyInvocation.Line, Name);
        JobRepository.Add(job);
        WriteVerbose($"{job.Engine} server listening on {job.Target} (process {job.ProcessId})");
        WriteObject(job);
    }
}
