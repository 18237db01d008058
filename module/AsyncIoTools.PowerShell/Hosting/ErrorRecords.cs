using System.Management.Automation;
using AsyncIoTools.Failures;

namespace AsyncIoTools.PowerShell.Hosting;

/// <summary>ErrorRecords for expected failures: id and category from <see cref="FailureCategories"/>, the one-line message as is.</summary>
public static class ErrorRecords
{
    public static ErrorRecord From(AsyncIoToolsException failure, object? target)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var (errorId, category) = FailureCategories.Table[failure.Kind];
        return new ErrorRecord(failure, errorId, Enum.Parse<ErrorCategory>(category), target);
    }

    public static ErrorRecord From(FailureKind kind, string message, object? target) => From(new AsyncIoToolsException(kind, message), target);
}
