namespace AsyncIoTools.Diagnostics.Incidents;

/// <summary>
/// When a watch opens an incident: the p99 delay over <see cref="P99Over"/> for <see cref="For"/> (every interval
/// of that window), an item waiting longer than <see cref="OldestOver"/> (at once: a stall serves nothing, so its p99
/// says little), or the pool's thread count climbing by <see cref="ThreadsClimb"/> or more within the window
/// (the runtime adding threads because its threads block). Zero turns a rule off.
/// </summary>
public sealed record WatchRules
{
    public TimeSpan P99Over { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan For { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan OldestOver { get; init; } = TimeSpan.FromSeconds(1);

    public int ThreadsClimb { get; init; }
}
