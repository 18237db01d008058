namespace AsyncIoTools.Results;

/// <summary>The file a file-protocol scenario serves: made by the runner (seeded random bytes) for the run.</summary>
public sealed record FileWorkload(long SizeBytes);
