using AsyncIoTools.Results;

namespace AsyncIoTools.Reports.Inputs;

/// <summary>One load report (<c>aiotools load --json</c>) and the file it came from.</summary>
public sealed record LoadSource(LoadReport Report, string Origin);
