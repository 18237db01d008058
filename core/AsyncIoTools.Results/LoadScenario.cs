using AsyncIoTools.Workloads;

namespace AsyncIoTools.Results;

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
    string Path);
