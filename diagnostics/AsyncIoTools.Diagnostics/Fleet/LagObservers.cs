using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Measurement;

namespace AsyncIoTools.Diagnostics.Fleet;

/// <summary>Several observers as one; each is called in turn.</summary>
public sealed class LagObservers(IReadOnlyList<ILagObserver> observers) : ILagObserver
{
    public bool IsEmpty => observers.Count == 0;

    public void OnAttached(DotNetTarget target)
    {
        foreach (var observer in observers)
        {
            observer.OnAttached(target);
        }
    }

    public void OnInterval(DotNetTarget target, LagInterval interval, LatencyHistogram delays)
    {
        foreach (var observer in observers)
        {
            observer.OnInterval(target, interval, delays);
        }
    }

    public void OnDetached(DotNetTarget target, CaptureEnd how)
    {
        foreach (var observer in observers)
        {
            observer.OnDetached(target, how);
        }
    }
}
