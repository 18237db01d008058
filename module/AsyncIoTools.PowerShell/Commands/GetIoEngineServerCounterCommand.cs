using System.Management.Automation;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.PowerShell.Servers;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary><c>Get-IoEngineServerCounter</c>: a running server's counters (requests, bytes, connections, syscalls by kind), read over its control channel.</summary>
[Cmdlet(VerbsCommon.Get, "IoEngineServerCounter")]
[OutputType(typeof(EngineCounters))]
public sealed class GetIoEngineServerCounterCommand : AsyncIoToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public IoEngineServerJob[] Server { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (var server in Server)
        {
            var counters = Run((_, cancellationToken) => server.ReadCountersAsync(cancellationToken), server, out var read);
            if (read)
            {
                WriteObject(counters);
            }
        }
    }
}
