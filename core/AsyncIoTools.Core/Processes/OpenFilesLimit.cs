namespace AsyncIoTools.Processes;

/// <summary>The soft and hard RLIMIT_NOFILE of a process.</summary>
public readonly record struct OpenFilesLimit(long Soft, long Hard);
