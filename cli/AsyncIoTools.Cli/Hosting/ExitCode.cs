namespace AsyncIoTools.Cli.Hosting;

/// <summary>The exit codes of aiotools; scripts may rely on them (README, "Exit codes").</summary>
public enum ExitCode
{
    Success = 0,

    /// <summary>The run started but failed, or a check it made did not pass.</summary>
    RunFailed = 1,

    /// <summary>A bad flag, argument or option value.</summary>
    Usage = 2,
    EngineUnavailable = 3,
    LimitTooLow = 4,
    AddressInUse = 5,

    /// <summary>An input file is missing, corrupt or of an unknown version.</summary>
    BadInput = 6,
    NoSuchProcess = 10,
    NotDotNetProcess = 11,
    RuntimeTooOld = 12,
    DiagnosticsDisabled = 13,
    PermissionDenied = 14,
    TargetExited = 15,

    /// <summary>watch: every process watched exited; the incidents written until then are complete.</summary>
    WatchedExited = 16,

    /// <summary>A measured value crossed the threshold given on the command line (lag, regression).</summary>
    ThresholdExceeded = 20,

    /// <summary>diagnose (and a watch that wrote incidents): the target is lagging or starved; the verdict line says why.</summary>
    Lagging = 21,

    /// <summary>A bug: an unexpected exception. The message asks for a report.</summary>
    InternalError = 70,

    /// <summary>Stopped by Ctrl+C or SIGTERM before it finished (128 + SIGINT).</summary>
    Canceled = 130,
}
