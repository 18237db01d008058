using System.Management.Automation;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.PowerShell.Completion;
using AsyncIoTools.PowerShell.Hosting;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary><c>Get-IoEngine</c> (<c>aiotools engines</c>): every engine and variant, whether it runs here, and why not.</summary>
[Cmdlet(VerbsCommon.Get, "IoEngine")]
[OutputType(typeof(EngineVariantInfo))]
public sealed class GetIoEngineCommand : AsyncIoToolsCmdlet
{
    /// <summary>Engine names, wildcards allowed.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(EngineCompleter))]
    [Alias("Engine")]
    public string[]? Name { get; set; }

    /// <summary>Only the variants that can run on this machine.</summary>
    [Parameter]
    public SwitchParameter Available { get; set; }

    protected override void ProcessRecord()
    {
        var patterns = (Name is { Length: > 0 } names ? names : ["*"]).Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        foreach (var row in EngineRegistry.Default.Describe())
        {
            if (patterns.Any(p => p.IsMatch(row.Engine)) && (!Available || row.Available))
            {
                WriteObject(row);
            }
        }
    }
}
