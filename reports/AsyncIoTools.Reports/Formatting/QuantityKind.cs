namespace AsyncIoTools.Reports.Formatting;

/// <summary>What a figure measures, which decides the units it can be shown in.</summary>
public enum QuantityKind
{
    /// <summary>Requests per second.</summary>
    Rate,

    /// <summary>A time in microseconds (latency, CPU time).</summary>
    Time,

    /// <summary>A size in bytes.</summary>
    Bytes,

    /// <summary>Bytes per second.</summary>
    ByteRate,

    /// <summary>A dimensionless figure with decimals (syscalls per request).</summary>
    Number,

    /// <summary>A whole count (errors).</summary>
    Count,
}
