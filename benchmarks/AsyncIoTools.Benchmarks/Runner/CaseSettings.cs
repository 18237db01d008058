using System.Net;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>Turns a run point into the server's settings and the load generator's options.</summary>
public static class CaseSettings
{
    /// <summary>
    /// How long a file response may take: a 64 MiB body shared four ways on a busy machine took over the load
    /// generator's 5 s, which cut it off, counted a timeout, threw its bytes away and reconnected, so one trial of
    /// file-64m lost half its MiB/s to the timer rather than to the server.
    /// </summary>
    public static readonly TimeSpan FileResponseTimeout = TimeSpan.FromSeconds(60);

    public static ServerSettings Server(RunPoint point, int loops, string? fileRoot, int workers)
    {
        ArgumentNullException.ThrowIfNull(point);
        var (scenario, c) = (point.Scenario, point.Case);
        var protocol = scenario.Protocol switch
        {
            ProtocolKind.Echo => ProtocolSettings.Echo(scenario.MessageBytes),
            ProtocolKind.File => ProtocolSettings.Files(fileRoot ?? throw new InvalidOperationException("a file scenario needs its folder")),
            _ => ProtocolSettings.Http,
        };
        return new ServerSettings
        {
            Engine = point.Engine,
            Variant = point.Variant,
            Protocol = protocol with { SplitWrites = c.SplitWrites ?? false },
            Endpoint = new IPEndPoint(IPAddress.Loopback, 0),
            Loops = c.ServerLoops ?? loops,
            Accept = c.Accept ?? AcceptMode.ReusePort,
            Transfer = c.Transfer ?? FileTransfer.Sendfile,
            Limits = scenario.Limits?.ToServerLimits() ?? ServerLimits.Default,
            Workers = workers,
            Tuning = new SocketTuning
            {
                NoDelay = c.NoDelay ?? true,
                Cork = c.Cork ?? false,
                SendBufferBytes = c.SendBufferBytes,
                ReceiveBufferBytes = c.ReceiveBufferBytes,
                KeepAliveIdleSeconds = c.KeepAliveIdleSeconds,
                FastOpenQueueLength = c.FastOpen == true ? 4096 : null,
                CongestionControl = c.CongestionControl,
            },
        };
    }

    public static LoadOptions Load(RunPoint point, IPEndPoint target, int threads)
    {
        ArgumentNullException.ThrowIfNull(point);
        var scenario = point.Scenario;
        var options = new LoadOptions
        {
            Target = target,
            Connections = scenario.Connections,
            Active = scenario.Active,
            Duration = scenario.Duration,
            Rate = scenario.Rate,
            Protocol = scenario.Protocol == ProtocolKind.Echo ? ProtocolKind.Echo : ProtocolKind.Http,
            MessageBytes = scenario.MessageBytes,
            Pipeline = scenario.Pipeline,
            RequestsPerConnection = scenario.RequestsPerConnection,
            Path = scenario.Path,
            Threads = Math.Min(threads, Math.Max(1, scenario.Connections)),
            NoDelay = point.Case.ClientNoDelay ?? false,
            FastOpen = point.Case.ClientFastOpen ?? false,
        };
        return scenario.Protocol == ProtocolKind.File ? options with { Timeout = FileResponseTimeout } : options;
    }
}
