namespace AsyncIoTools.Benchmarks.Runner;

public enum BenchmarkPhase
{
    StartingServer,
    Connecting,
    WarmingUp,
    Measuring,
    Stopping,
    Done,
}
