namespace AsyncIoTools.Reports.Model;

/// <summary>When a metric earns a column in a comparison table.</summary>
public enum MetricVisibility
{
    Always,

    /// <summary>When at least one row measured it (syscalls are counted only by engines that use our interop).</summary>
    WhenMeasured,

    /// <summary>When responses are large (file serving): bytes per second and CPU per byte say more than req/s there.</summary>
    LargeResponses,
}
