namespace AsyncIoTools.Reports.Baselines;

public enum ChangeVerdict
{
    /// <summary>Within the threshold or within what the trials' spread allows.</summary>
    Unchanged,
    Improved,
    Regressed,
}
