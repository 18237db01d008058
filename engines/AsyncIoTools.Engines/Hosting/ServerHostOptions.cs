namespace AsyncIoTools.Engines.Hosting;

/// <summary>How a server process is hosted, beyond what the engine needs: pinning and the runner's control channel.</summary>
public sealed record ServerHostOptions
{
    /// <summary>CPUs to pin every thread of this process to; null leaves the scheduler free.</summary>
    public IReadOnlyList<int>? Cpus { get; init; }

    /// <summary>Answer <see cref="ServerControl"/> commands read from the control reader; its end stops the server.</summary>
    public bool Control { get; init; }
}
