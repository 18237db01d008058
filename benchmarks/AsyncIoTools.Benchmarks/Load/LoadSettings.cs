using System.Net;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Failures;
using AsyncIoTools.Settings;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>The settings of <c>load</c> (<c>Invoke-LoadTest</c>) and of the runner's load shards: defaults, bounds, the child command line.</summary>
public static class LoadSettings
{
    /// <summary>The most load threads one process runs.</summary>
    public const int MaxThreads = 1024;

    /// <summary>The slowest constant rate, in requests per second over all connections.</summary>
    public const double MinRate = 0.001;

    /// <summary>What a person gets who gives only a target (a placeholder here: the target has no default).</summary>
    public static LoadOptions Defaults { get; } = new() { Target = new IPEndPoint(IPAddress.Loopback, ServeOptions.DefaultPort) };

    public static SettingTable<LoadOptions> Table { get; } = new(
        Defaults,
        [
            new(Setting.Target, "Target,Path", o => (o.Target, o.Path)) { Write = o => o.Path == "/" ? o.Target.ToString() : $"http://{o.Target}{o.Path}" },
            new(Setting.Connections, nameof(LoadOptions.Connections), o => o.Connections) { Minimum = 1 },
            new(Setting.Active, nameof(LoadOptions.Active), o => o.Active) { Minimum = 0 },
            new(Setting.Duration, nameof(LoadOptions.Duration), o => o.Duration),
            new(Setting.Warmup, nameof(LoadOptions.Warmup), o => o.Warmup),
            new(Setting.Rate, nameof(LoadOptions.Rate), o => o.Rate) { Minimum = MinRate },
            new(Setting.Protocol, nameof(LoadOptions.Protocol), o => o.Protocol),
            new(Setting.MessageSize, nameof(LoadOptions.MessageBytes), o => o.MessageBytes) { Minimum = 1 },
            new(Setting.Pipeline, nameof(LoadOptions.Pipeline), o => o.Pipeline) { Minimum = 1 },
            new(Setting.RequestsPerConnection, nameof(LoadOptions.RequestsPerConnection), o => o.RequestsPerConnection) { Minimum = 0 },
            new(Setting.Threads, nameof(LoadOptions.Threads), o => o.Threads) { Minimum = 0, Maximum = MaxThreads },
            new(Setting.Timeout, nameof(LoadOptions.Timeout), o => o.Timeout),
            new(Setting.Nodelay, nameof(LoadOptions.NoDelay), o => o.NoDelay),
            new(Setting.Fastopen, nameof(LoadOptions.FastOpen), o => o.FastOpen),
            new(Setting.SourceAddresses, nameof(LoadOptions.SourceAddresses), o => o.SourceAddresses),
            new(Setting.ConnectConcurrency, nameof(LoadOptions.ConnectConcurrency), o => o.ConnectConcurrency) { Minimum = 1, Advanced = true },
        ],
        new Dictionary<string, string>
        {
            [nameof(LoadOptions.LogInterval)] = "The .hlog interval: one second, HdrHistogram's convention; the tests shorten it.",
        });

    /// <summary>The <c>aiotools load</c> command line that runs these options in a child process (a runner's shard adds its control flag).</summary>
    public static IReadOnlyList<string> CommandLine(LoadOptions options) => ChildArguments.Write("load", Table, options);
}
