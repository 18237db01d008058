using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace AsyncIoTools.PowerShell.Completion;

/// <summary>The PowerShell side of completion: candidates from <see cref="CompletionCandidates"/>, quoted when needed.</summary>
public abstract class CandidateCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        return Candidates(wordToComplete, fakeBoundParameters ?? new Hashtable())
            .Select(c => new CompletionResult(c.Contains(' ', StringComparison.Ordinal) ? $"'{c}'" : c, c, CompletionResultType.ParameterValue, c))
            .ToArray();
    }

    protected abstract IEnumerable<string> Candidates(string word, IDictionary boundParameters);

    /// <summary>The values of a parameter already typed on the line (one or several).</summary>
    protected static IEnumerable<string> Bound(IDictionary boundParameters, string name)
    {
        ArgumentNullException.ThrowIfNull(boundParameters);
        var value = boundParameters[name];
        value = value is PSObject wrapped ? wrapped.BaseObject : value;
        return value switch
        {
            null => [],
            string single => [single],
            IEnumerable many => many.Cast<object?>().Select(o => o?.ToString() ?? string.Empty),
            _ => [value.ToString() ?? string.Empty],
        };
    }
}
