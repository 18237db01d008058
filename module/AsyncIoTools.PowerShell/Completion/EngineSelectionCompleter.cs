using System.Collections;

namespace AsyncIoTools.PowerShell.Completion;

/// <summary>Engine names and ENGINE:VARIANT pairs, for the benchmark's -Engine.</summary>
public sealed class EngineSelectionCompleter : CandidateCompleter
{
    protected override IEnumerable<string> Candidates(string word, IDictionary boundParameters) => CompletionCandidates.EngineSelections(word);
}
