using System.Collections;

namespace AsyncIoTools.PowerShell.Completion;

/// <summary>Built-in scenario names from the catalogue.</summary>
public sealed class ScenarioCompleter : CandidateCompleter
{
    protected override IEnumerable<string> Candidates(string word, IDictionary boundParameters) => CompletionCandidates.Scenarios(word);
}
