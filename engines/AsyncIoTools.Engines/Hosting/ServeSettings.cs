using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Failures;
using AsyncIoTools.Settings;

namespace AsyncIoTools.Engines.Hosting;

/// <summary>The settings of <c>serve</c> (<c>Start-IoEngineServer</c>) and of the runner's servers: defaults, bounds, the child command line.</summary>
public static class ServeSettings
{
    /// <summary>The most loop threads, and the most worker processes, one server runs.</summary>
    public const int MaxLoops = 1024;

    public const int MaxWorkers = 1024;

    public const int MinHeadBytes = 64;

    public const int MaxHeadBytes = 1 << 20;

    public static ServeOptions Defaults { get; } = new();

    public static SettingTable<ServeOptions> Table { get; } = new(
        Defaults,
        [
            new(Setting.Engine, "Server.Engine", o => o.Server.Engine),
            new(Setting.Variant, "Server.Variant", o => o.Server.Variant),
            new(Setting.Protocol, "Server.Protocol.Kind", o => o.Server.Protocol.Kind),
            new(Setting.MessageSize, "Server.Protocol.MessageBytes", o => o.Server.Protocol.MessageBytes) { Minimum = 1 },
            new(Setting.Port, "Server.Endpoint", o => o.Server.Endpoint.Port) { Minimum = 0, Maximum = 65535 },
            new(Setting.Bind, "Server.Endpoint", o => o.Server.Endpoint.Address),
            new(Setting.Loops, "Server.Loops", o => o.Server.Loops) { Minimum = 0, Maximum = MaxLoops },
            new(Setting.Accept, "Server.Accept", o => o.Server.Accept),
            new(Setting.MaxHead, "Server.Limits.MaxHeadBytes", o => o.Server.Limits.MaxHeadBytes) { Minimum = MinHeadBytes, Maximum = MaxHeadBytes },
            new(Setting.MaxBody, "Server.Limits.MaxBodyBytes", o => o.Server.Limits.MaxBodyBytes) { Minimum = 0 },
            new(Setting.HeadTimeout, "Server.Limits.HeadTimeout", o => o.Server.Limits.HeadTimeout),
            new(Setting.KeepaliveTimeout, "Server.Limits.KeepAliveTimeout", o => o.Server.Limits.KeepAliveTimeout),
            new(Setting.MinReceiveRate, "Server.Limits.MinReceiveRate", o => o.Server.Limits.MinReceiveRate) { Minimum = 0 },
            new(Setting.MinReceiveRateGrace, "Server.Limits.MinReceiveRateGrace", o => o.Server.Limits.MinReceiveRateGrace),
            new(Setting.MaxConnections, "Server.Limits.MaxConnections", o => o.Server.Limits.MaxConnections) { Minimum = 0 },
            new(Setting.Cpus, "Host.Cpus", o => o.Host.Cpus),
            new(Setting.SharePort, "Server.SharePort", o => o.Server.SharePort),
            new(Setting.Root, "Server.Protocol.FileRoot", o => o.Server.Protocol.FileRoot),
            new(Setting.Transfer, "Server.Transfer", o => o.Server.Transfer),
            new(Setting.Nodelay, "Server.Tuning.NoDelay", o => o.Server.Tuning.NoDelay),
            new(Setting.Cork, "Server.Tuning.Cork", o => o.Server.Tuning.Cork),
            new(Setting.SplitWrites, "Server.Protocol.SplitWrites", o => o.Server.Protocol.SplitWrites),
            new(Setting.Sndbuf, "Server.Tuning.SendBufferBytes", o => o.Server.Tuning.SendBufferBytes) { Minimum = 1 },
            new(Setting.Rcvbuf, "Server.Tuning.ReceiveBufferBytes", o => o.Server.Tuning.ReceiveBufferBytes) { Minimum = 1 },
            new(Setting.KeepaliveIdle, "Server.Tuning.KeepAliveIdleSeconds", o => o.Server.Tuning.KeepAliveIdleSeconds) { Minimum = 1 },
            new(Setting.Fastopen, "Server.Tuning.FastOpenQueueLength", o => o.Server.Tuning.FastOpenQueueLength) { Minimum = 1 },
            new(Setting.CongestionControl, "Server.Tuning.CongestionControl", o => o.Server.Tuning.CongestionControl),
            new(Setting.Workers, "Server.Workers", o => o.Server.Workers) { Minimum = 1, Maximum = MaxWorkers },
            new(Setting.Backlog, "Server.Backlog", o => o.Server.Backlog) { Minimum = 1, Advanced = true },
            new(Setting.Control, "Host.Control", o => o.Host.Control) { Advanced = true },
        ]);

    /// <summary>The <c>aiotools serve</c> command line that runs these options in a child process.</summary>
    public static IReadOnlyList<string> CommandLine(ServeOptions options) => ChildArguments.Write("serve", Table, options);
}
