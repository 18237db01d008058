using AsyncIoTools.Failures;

namespace AsyncIoTools.PowerShell.Hosting;

/// <summary>
/// The one table from <see cref="FailureKind"/> to what a PowerShell error carries: a stable error id (scripts
/// match <c>FullyQualifiedErrorId</c> on it) and the name of its <c>ErrorCategory</c>. Kept free of PowerShell
/// types so it can be checked without PowerShell; <see cref="ErrorRecords"/> turns it into an ErrorRecord.
/// </summary>
public static class FailureCategories
{
    /// <summary>The error id and category name of each failure kind; every kind has exactly one row.</summary>
    public static IReadOnlyDictionary<FailureKind, (string ErrorId, string Category)> Table { get; } = new Dictionary<FailureKind, (string, string)>
    {
        [FailureKind.Usage] = ("InvalidUsage", "InvalidArgument"),
        [FailureKind.BadInput] = ("BadInput", "InvalidData"),
        [FailureKind.EngineUnavailable] = ("EngineUnavailable", "NotImplemented"),
        [FailureKind.LimitTooLow] = ("LimitTooLow", "ResourceUnavailable"),
        [FailureKind.AddressInUse] = ("AddressInUse", "ResourceBusy"),
        [FailureKind.RunFailed] = ("RunFailed", "InvalidResult"),
        [FailureKind.NoSuchProcess] = ("NoSuchProcess", "ObjectNotFound"),
        [FailureKind.NotDotNetProcess] = ("NotDotNetProcess", "InvalidType"),
        [FailureKind.RuntimeTooOld] = ("RuntimeTooOld", "InvalidOperation"),
        [FailureKind.DiagnosticsDisabled] = ("DiagnosticsDisabled", "NotEnabled"),
        [FailureKind.PermissionDenied] = ("PermissionDenied", "PermissionDenied"),
        [FailureKind.TargetExited] = ("TargetExited", "OperationStopped"),
        [FailureKind.ThresholdExceeded] = ("ThresholdExceeded", "LimitsExceeded"),
    };

    /// <summary>Usage mistakes stop the command (the call itself is wrong); other failures concern one input and let the pipeline go on.</summary>
    public static bool IsTerminating(FailureKind kind) => kind == FailureKind.Usage;
}
