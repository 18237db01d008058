using System.Globalization;
using AsyncIoTools.Diagnostics.Hotspots;

namespace AsyncIoTools.PowerShell.Output;

/// <summary>
/// What <c>Get-AsyncHotspot</c> writes from a heap snapshot: one async method with calls pending, at which awaits
/// (<c>awaiting #0</c> is its first await) and what they await, each as one line (the counts by state and by
/// awaited type are in <see cref="StateCounts"/> and <see cref="AwaitingCounts"/>).
/// </summary>
public sealed class AsyncHotspot
{
    internal AsyncHotspot(int processId, AsyncMethodHotspot hotspot)
    {
        ProcessId = processId;
        Method = hotspot.Method;
        DeclaringType = hotspot.DeclaringType;
        Pending = hotspot.Pending;
        States = Join(hotspot.States);
        Awaiting = Join(hotspot.Awaiting);
        StateCounts = hotspot.States;
        AwaitingCounts = hotspot.Awaiting;
    }

    public int ProcessId { get; }

    public string Method { get; }

    public string DeclaringType { get; }

    public long Pending { get; }

    /// <summary>E.g. "awaiting #0 ×300, running ×2".</summary>
    public string States { get; }

    /// <summary>E.g. "Task.Delay ×300".</summary>
    public string Awaiting { get; }

    public IReadOnlyDictionary<string, long> StateCounts { get; }

    public IReadOnlyDictionary<string, long> AwaitingCounts { get; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Method}: {Pending} pending");

    private static string Join(IReadOnlyDictionary<string, long> counts) =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} ×{c.Value}")));
}
