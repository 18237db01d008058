namespace AsyncIoTools.Reports.Claims;

public enum ClaimVerdict
{
    /// <summary>The results meet the claim's condition.</summary>
    Confirmed,

    /// <summary>The results were there and do not meet it.</summary>
    NotConfirmed,

    /// <summary>No result could decide it: nothing is guessed.</summary>
    NotMeasured,
}
