namespace AsyncIoTools.Reports.Model;

/// <summary>What varies between the points of a scenario.</summary>
public enum SweepAxis
{
    /// <summary>One point: no sweep.</summary>
    None,
    Connections,
    Active,
}
