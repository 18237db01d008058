using System.Globalization;
using System.Management.Automation;
using System.Net;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Failures;
using AsyncIoTools.PowerShell.Arguments;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.PowerShell.Output;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary>
/// <c>Invoke-LoadTest</c> (<c>aiotools load</c>): drives any server (ours, nginx, …) with our load generator, closed
/// loop or at a constant rate with corrected latency. A server job from Start-IoEngineServer pipes in as the target.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "LoadTest")]
[OutputType(typeof(LoadTestResult))]
public sealed class InvokeLoadTestCommand : AsyncIoToolsCmdlet
{
    /// <summary>ADDR:PORT or http://ADDR:PORT/path (a literal IP address).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string Target { get; set; } = string.Empty;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Connections { get; set; } = LoadSettings.Defaults.Connections;

    /// <summary>Connections that send requests; the rest stay open and idle. Default: all.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Active { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Duration { get; set; } = LoadSettings.Defaults.Duration;

    [Parameter]
    [DurationTransformation]
    public TimeSpan Warmup { get; set; } = LoadSettings.Defaults.Warmup;

    /// <summary>Constant rate over all connections (requests/s); latency counts from each request's intended start.</summary>
    [Parameter]
    [ValidateRange(LoadSettings.MinRate, double.MaxValue)]
    public double Rate { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public ProtocolKind Protocol { get; set; } = LoadSettings.Defaults.Protocol;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int MessageSize { get; set; } = LoadSettings.Defaults.MessageBytes;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Pipeline { get; set; } = LoadSettings.Defaults.Pipeline;

    /// <summary>Close and reconnect after this many requests (1 = connection churn); 0 keeps connections open.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int RequestsPerConnection { get; set; } = LoadSettings.Defaults.RequestsPerConnection;

    /// <summary>Load threads; 0 = one per usable CPU.</summary>
    [Parameter]
    [ValidateRange(0, LoadSettings.MaxThreads)]
    public int Threads { get; set; } = LoadSettings.Defaults.Threads;

    /// <summary>A request not answered within this is a timeout error; its connection is reopened.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = LoadSettings.Defaults.Timeout;

    [Parameter]
    public SwitchParameter NoDelay { get; set; }

    [Parameter]
    public SwitchParameter FastOpen { get; set; }

    /// <summary>Local addresses to connect from (default: automatic, 127.0.0.x past one address's ports).</summary>
    [Parameter]
    public IPAddress[]? SourceAddresses { get; set; }

    /// <summary>Also write the latency of every 1 s interval as an HdrHistogram interval log (.hlog); never overwritten.</summary>
    [Parameter]
    [Alias("Hlog")]
    public string? HlogPath { get; set; }

    protected override void ProcessRecord()
    {
        if (!LoadTarget.TryParse(Target, out var endPoint, out var path))
        {
            Fail(FailureKind.Usage, $"'{Target}' is not a target; {LoadTarget.Expected}", Target);
            return;
        }

        var options = new LoadOptions
        {
            Target = endPoint,
            Path = string.IsNullOrEmpty(path) ? "/" : path,
            Connections = Connections,
            Active = IfBound(nameof(Active), Active),
            Duration = Duration,
            Warmup = Warmup,
            Rate = IfBound(nameof(Rate), Rate),
            Protocol = Protocol,
            MessageBytes = MessageSize,
            Pipeline = Pipeline,
            RequestsPerConnection = RequestsPerConnection,
            Threads = Threads,
            Timeout = Timeout,
            NoDelay = NoDelay,
            FastOpen = FastOpen,
            SourceAddresses = SourceAddresses,
        };
        var started = DateTime.UtcNow;
        var total = options.Warmup + options.Duration;
        var report = Run(
            (_, cancellationToken) => LoadTest.RunAsync(options, MyInvocation.Line, cancellationToken),
            Target,
            out var succeeded,
            () =>
            {
                var elapsed = DateTime.UtcNow - started;
                ShowProgress(string.Create(CultureInfo.InvariantCulture, $"{options.Connections:#,0} connections to {Target}: {elapsed.TotalSeconds:0}s of about {total.TotalSeconds:0}s"), (int)(100 * elapsed / total));
            });
        CompleteProgress();
        if (succeeded && report is not null)
        {
            if (HlogPath is { } hlog)
            {
                WriteVerbose($"interval log written to {IntervalLogs.WriteLoad(report, FileSystemPath(hlog))}");
            }

            foreach (var warning in report.Summary.SelectMany(p => p.Warnings))
            {
                WriteWarning(warning);
            }

            WriteObject(new LoadTestResult(report));
        }
    }
}
