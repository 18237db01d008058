using AsyncIoTools.Failures;

namespace AsyncIoTools.Cli.Hosting;

public static class ExitCodes
{
    public static ExitCode For(FailureKind kind) => kind switch
    {
        FailureKind.Usage => ExitCode.Usage,
        FailureKind.BadInput => ExitCode.BadInput,
        FailureKind.EngineUnavailable => ExitCode.EngineUnavailable,
        FailureKind.LimitTooLow => ExitCode.LimitTooLow,
        FailureKind.AddressInUse => ExitCode.AddressInUse,
        FailureKind.RunFailed => ExitCode.RunFailed,
        FailureKind.NoSuchProcess => ExitCode.NoSuchProcess,
        FailureKind.NotDotNetProcess => ExitCode.NotDotNetProcess,
        FailureKind.RuntimeTooOld => ExitCode.RuntimeTooOld,
        FailureKind.DiagnosticsDisabled => ExitCode.DiagnosticsDisabled,
        FailureKind.PermissionDenied => ExitCode.PermissionDenied,
        FailureKind.TargetExited => ExitCode.TargetExited,
        FailureKind.ThresholdExceeded => ExitCode.ThresholdExceeded,
        _ => ExitCode.RunFailed,
    };
}
