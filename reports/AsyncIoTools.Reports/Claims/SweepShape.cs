namespace AsyncIoTools.Reports.Claims;

public enum SweepShape
{
    /// <summary>Largest over smallest figure along the sweep stays at most the factor.</summary>
    Flat,

    /// <summary>The figure at the sweep's largest point is at least the factor times the one at its smallest.</summary>
    Grows,
}
