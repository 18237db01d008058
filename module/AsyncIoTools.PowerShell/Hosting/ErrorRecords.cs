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
        var record = new ErrorRecord(failure, errorId, Enum.Parse<ErrorCategory>(category), target);
        if (failure.Settings.Count > 0)
        {
            record.ErrorDetails = new ErrorDetails(failure.MessageFor(ParameterSpelling.Of))
            {
                RecommendedAction = $"Check {string.Join(" and ", failure.Settings.Select(ParameterSpelling.Of))}.",
            };
        }

        return record;
    }

    public static ErrorRecord From(FailureKind kind, string message, object? target) => From(new AsyncIoToolsException(kind, message), target);
}
