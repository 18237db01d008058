namespace AsyncIoTools.Cli.Rendering.Diagnostics;

/// <summary>What the lag header line says before the first interval arrives.</summary>
public sealed record LagReportHeader(int ProcessId, string Name, string RuntimeVersion, TimeSpan Interval, bool Watch);
