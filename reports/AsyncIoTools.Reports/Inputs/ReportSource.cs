using AsyncIoTools.Results;

namespace AsyncIoTools.Reports.Inputs;

/// <summary>One result document and where it came from: a file (as the report names it) or an object handed in.</summary>
public sealed record ReportSource(BenchmarkResult Result, string Origin);
