using System.Management.Automation;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.PowerShell.Output;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary><c>Get-DotNetProcess</c> (<c>aiotools ps</c>): the .NET processes that can be attached to: id, name, runtime version, command line.</summary>
[Cmdlet(VerbsCommon.Get, "DotNetProcess")]
[OutputType(typeof(DotNetProcessInfo))]
public sealed class GetDotNetProcessCommand : AsyncIoToolsCmdlet
{
    /// <summary>Process names, wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var patterns = (Name is { Length: > 0 } names ? names : ["*"]).Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        var processes = Run((_, _) => Task.FromResult(DotNetProcessLister.List()), null, out var listed);
        foreach (var process in listed ? processes! : [])
        {
            if (patterns.Any(p => p.IsMatch(process.Name)))
            {
                WriteObject(new DotNetProcessInfo(process));
            }
        }
    }
}
