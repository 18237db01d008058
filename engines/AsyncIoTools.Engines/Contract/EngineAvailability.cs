namespace AsyncIoTools.Engines.Contract;

/// <summary>Whether an engine (or variant) can run here, and if not, why — in words a user can act on.</summary>
public sealed record EngineAvailability(bool IsAvailable, string? Reason)
{
    public static EngineAvailability Available { get; } = new(true, null);

    public static EngineAvailability Unavailable(string reason) => new(false, reason);
}
