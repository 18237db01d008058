namespace AsyncIoTools.PowerShell.Tests.Support;

/// <summary>A cmdlet class of the module, read with MetadataLoadContext.</summary>
public sealed record CompiledCmdlet(
    string ClassName,
    string FullClassName,
    string Verb,
    string Noun,
    string? DefaultParameterSet,
    IReadOnlyList<string> OutputTypes,
    IReadOnlyList<CmdletParameter> Parameters,
    bool SupportsShouldProcess = false)
{
    public string Name => $"{Verb}-{Noun}";

    public CmdletParameter? Parameter(string name) => Parameters.FirstOrDefault(p => p.Answers(name));
}
