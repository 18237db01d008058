using BenchmarkDotNet.Attributes;

namespace AsyncIoTools.Micro;

/// <summary>
/// The same wait calls at 900 idle descriptors, the most select can hold in a benchmark process: .NET keeps
/// some sixty descriptors of its own open below FD_SETSIZE, so the 1,000 row of <see cref="ReadinessWaitBenchmarks"/>
/// is not applicable to select. This row shows select's growth up to its ceiling, beside poll and epoll at the same N.
/// </summary>
public class NearFdSetSizeWaitBenchmarks : ReadinessWaitBenchmarks
{
    [Params(900)]
    public override int Descriptors { get; set; }
}
