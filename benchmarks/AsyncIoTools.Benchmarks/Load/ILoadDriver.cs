using AsyncIoTools.Results;
namespace AsyncIoTools.Benchmarks.Load;

/// <summary>What the runner needs of load, whether it runs in this process or in several.</summary>
public interface ILoadDriver : IDisposable
{
    /// <summary>Load threads over all processes.</summary>
    int Threads { get; }

    Task<RampResult> ConnectAsync(CancellationToken cancellationToken);

    Task<LoadSample> MeasureAsync(TimeSpan duration, CancellationToken cancellationToken);
}
