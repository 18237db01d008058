namespace AsyncIoTools.Reports.Claims;

public enum SweepShape
{
    /// <summary>The figure's trend along the sweep changes it by at most the factor, up or down.</summary>
    Flat,

    /// <summary>The figure's trend along the sweep raises it by at least the factor.</summary>
    Grows,
}
