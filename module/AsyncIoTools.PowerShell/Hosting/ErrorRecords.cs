using System.Management.Automation;
using AsyncIoTools.Failures;

namespace AsyncIoTools.PowerShell.Hosting;

/// <summary>
/// ErrorRecords for expected failures: id and category from <see cref="FailureCategories"/>, the one-line message
/// with every setting it names spelled as the PowerShell parameter (<c>-Interval</c>, not the CLI's <c>--interval</c>).
/// </summary>
public static class ErrorRecords
{
    public static ErrorRecord From(AsyncIoToolsException failure, object? target)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var (errorId, category) = FailureCategories.Table[failure.Kind];
        if (failure.Settings.Count == 0)
        {
            return new ErrorRecord(failure, errorId, Enum.Parse<ErrorCategory>(category), target);
        }

        // Spelled for PowerShell in the exception itself too: scripts read $_.Exception.Message.
        var spelled = new AsyncIoToolsException(failure.Kind, failure.MessageFor(ParameterSpelling.Of), failure);
        return new ErrorRecord(spelled, errorId, Enum.Parse<ErrorCategory>(category), target)
        {
            ErrorDetails = new ErrorDetails(spelled.Message)
            {
                RecommendedAction = $"Check {string.Join(" and ", failure.Settings.Select(ParameterSpelling.Of))}.",
            },
        };
    }

    public static ErrorRecord From(FailureKind kind, string message, object? target) => From(new AsyncIoToolsException(kind, message), target);
}
