using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Benchmarks.Results;

/// <summary>The load half of a scenario as it is written into results (plain values, no endpoints).</summary>
public sealed record LoadScenario(
    ProtocolKind Protocol,
    int Connections,
    int Active,
    double DurationSeconds,
    double WarmupSeconds,
    double? Rate,
    int Pipeline,
    int MessageBytes,
    int RequestsPerConnection,
    int Threads,
    double TimeoutSeconds,
    string Path)
{
    public static LoadScenario From(LoadOptions options, int threads)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LoadScenario(
            options.Protocol,
            options.Connections,
            options.EffectiveActive,
            options.Duration.TotalSeconds,
            options.Warmup.TotalSeconds,
            options.Rate,
            options.Pipeline,
            options.MessageBytes,
            options.RequestsPerConnection,
            threads,
            options.Timeout.TotalSeconds,
            options.Path);
    }
}
