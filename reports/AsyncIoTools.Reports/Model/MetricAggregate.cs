namespace AsyncIoTools.Reports.Model;

/// <summary>How the trials of a metric combine into the figure a table shows.</summary>
public enum MetricAggregate
{
    /// <summary>The median over trials, with its interval.</summary>
    Median,

    /// <summary>The total over trials (error counts).</summary>
    Sum,
}
