namespace AsyncIoTools.Failures;

/// <summary>
/// An expected failure with a one-line message meant for the person at the terminal: no stack trace is shown.
/// Anything else that escapes an operation is a bug and is reported as one.
/// </summary>
public sealed class AsyncIoToolsException : Exception
{
    public AsyncIoToolsException(FailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public AsyncIoToolsException()
        : this(FailureKind.RunFailed, "The operation failed.")
    {
    }

    public AsyncIoToolsException(string message)
        : this(FailureKind.RunFailed, message)
    {
    }

    public AsyncIoToolsException(string message, Exception innerException)
        : this(FailureKind.RunFailed, message, innerException)
    {
    }

    public FailureKind Kind { get; }
}
