namespace AsyncIoTools.PowerShell.Tests.Support;

/// <summary>One parameter of a compiled cmdlet as PowerShell will see it, read from metadata.</summary>
/// <param name="Sets">Each [Parameter] attribute: its set ("__AllParameterSets" when none), whether mandatory there, its position (-1: named), pipeline input.</param>
public sealed record CmdletParameter(
    string Name,
    string TypeName,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<(string Set, bool Mandatory, int Position, bool ByValue, bool ByPropertyName)> Sets,
    IReadOnlyList<string> Attributes)
{
    public const string AllSets = "__AllParameterSets";

    public bool MandatoryEverywhere => Sets.All(s => s.Mandatory);

    public bool Answers(string name) =>
        string.Equals(Name, name, StringComparison.OrdinalIgnoreCase) || Aliases.Contains(name, StringComparer.OrdinalIgnoreCase);
}
