using System.Collections;

namespace AsyncIoTools.PowerShell.Completion;

/// <summary>Engine names from the registry.</summary>
public sealed class EngineCompleter : CandidateCompleter
{
    protected override IEnumerable<string> Candidates(string word, IDictionary boundParameters) => CompletionCandidates.Engines(word);
}
