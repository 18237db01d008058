namespace AsyncIoTools.Failures;

/// <summary>
/// What kind of expected failure stopped an operation. Each face maps it to its own convention:
/// the CLI to an exit code, the PowerShell module to an <c>ErrorCategory</c>.
/// </summary>
public enum FailureKind
{
    /// <summary>A flag, argument or option value is wrong.</summary>
    Usage,

    /// <summary>A file given as input is missing, unreadable, corrupt or of an unknown version.</summary>
    BadInput,

    /// <summary>The engine or variant cannot run on this machine; the message says why.</summary>
    EngineUnavailable,

    /// <summary>A system limit (open files, somaxconn, ports, memory) is below what the run needs.</summary>
    LimitTooLow,

    /// <summary>The address or port is already taken.</summary>
    AddressInUse,

    /// <summary>The run started but failed (server died, no request answered, load generator error).</summary>
    RunFailed,

    /// <summary>No process has the given id or name.</summary>
    NoSuchProcess,

    /// <summary>The process exists but is not a .NET process with a diagnostics endpoint.</summary>
    NotDotNetProcess,

    /// <summary>The target runtime is too old to emit the events a command needs.</summary>
    RuntimeTooOld,

    /// <summary>The target disabled its diagnostics endpoint (<c>DOTNET_EnableDiagnostics=0</c>).</summary>
    DiagnosticsDisabled,

    /// <summary>The target belongs to another user or the endpoint is not accessible.</summary>
    PermissionDenied,

    /// <summary>The target exited while it was being observed; what was measured so far is reported.</summary>
    TargetExited,

    /// <summary>A measured value crossed the threshold the user set (lag, regression).</summary>
    ThresholdExceeded,
}
