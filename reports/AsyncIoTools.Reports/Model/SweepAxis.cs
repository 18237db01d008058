namespace AsyncIoTools.Reports.Model;

/// <summary>What varies between the points of a scenario: one of the parameters a sweep may vary, or nothing.</summary>
public enum SweepAxis
{
    /// <summary>One point: no sweep.</summary>
    None,
    Connections,
    Active,
    Rate,
    Pipeline,
    MessageBytes,
}
