using System.Collections;

namespace AsyncIoTools.PowerShell.Completion;

/// <summary>The TCP congestion controls the kernel has loaded.</summary>
public sealed class CongestionControlCompleter : CandidateCompleter
{
    protected override IEnumerable<string> Candidates(string word, IDictionary boundParameters) => CompletionCandidates.CongestionControls(word);
}
