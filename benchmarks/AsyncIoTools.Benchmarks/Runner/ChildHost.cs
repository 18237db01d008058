namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>
/// What runs a benchmark's child processes (server workers, load shards): the JIT build of aiotools found beside
/// this process, or the NativeAOT host that benchmarks/scripts/publish-native.sh publishes.
/// </summary>
public enum ChildHost
{
    Jit,
    Native,
}
