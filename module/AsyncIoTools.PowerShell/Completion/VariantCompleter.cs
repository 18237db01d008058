using System.Collections;

namespace AsyncIoTools.PowerShell.Completion;

/// <summary>Variants of the engines already given with -Engine.</summary>
public sealed class VariantCompleter : CandidateCompleter
{
    protected override IEnumerable<string> Candidates(string word, IDictionary boundParameters) => CompletionCandidates.Variants(Bound(boundParameters, "Engine"), word);
}
