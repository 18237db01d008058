namespace AsyncIoTools.PowerShell.Tests.Parity;

/// <summary>What kind of deliberate difference between a CLI option and a cmdlet parameter.</summary>
public enum DifferenceKind
{
    /// <summary>The CLI option has no parameter: PowerShell does it another way.</summary>
    NotInCmdlet,

    /// <summary>The parameter has no CLI option: a PowerShell idiom (wildcards, pipeline input, jobs).</summary>
    CmdletOnly,

    /// <summary>Same option, another type.</summary>
    Type,

    /// <summary>Same option, mandatory in one face only.</summary>
    Mandatory,
}

/// <summary>One deliberate difference between <c>aiotools COMMAND --option</c> and <c>Cmdlet -Parameter</c>, with why.</summary>
public sealed record Difference(string Command, string Name, DifferenceKind Kind, string Why);
