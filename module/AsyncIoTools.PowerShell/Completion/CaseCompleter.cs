using System.Collections;

namespace AsyncIoTools.PowerShell.Completion;

/// <summary>The cases of the scenario already given with -Scenario.</summary>
public sealed class CaseCompleter : CandidateCompleter
{
    protected override IEnumerable<string> Candidates(string word, IDictionary boundParameters) => CompletionCandidates.Cases(Bound(boundParameters, "Scenario").FirstOrDefault(), word);
}
