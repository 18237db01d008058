namespace AsyncIoTools.Results;

/// <summary>How opening the connections went.</summary>
public sealed record RampResult(int Requested, int Connected, TimeSpan Elapsed, long ConnectErrors, int Threads, int SourceAddresses)
{
    /// <summary>
    /// The longest of the load processes' own ramps, from their first connect to their last (null: one process).
    /// <see cref="Elapsed"/> less this is how late the slowest began after the word to connect and the pipe's round
    /// trip; in a result without <see cref="LoadStartup"/>, the processes' start-up too.
    /// </summary>
    public TimeSpan? SlowestProcess { get; init; }

    /// <summary>
    /// How long the load processes took to start, before the ramp (null: one process, or a result from before the
    /// ramp left start-up out: its <see cref="Elapsed"/> includes it).
    /// </summary>
    public TimeSpan? LoadStartup { get; init; }

    /// <summary>The load processes' resident memory together, with every connection open (null: one process, the runner's own).</summary>
    public long? LoadRssBytes { get; init; }

    /// <summary>Connects the kernel had to send again (TcpRetransSegs that were SYNs cannot be told apart: TcpExtTCPSynRetrans), over the ramp.</summary>
    public long? SynRetransmits { get; init; }

    /// <summary>Connections the server's listen queues refused over the ramp (TcpExtListenDrops): each costs its client a 1 s SYN retry.</summary>
    public long? ListenDrops { get; init; }
}
