using System.Globalization;
using System.Management.Automation;
using System.Net;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Failures;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.PowerShell.Servers;

/// <summary>
/// A server engine running in a child <c>aiotools serve --control</c> process, as a PowerShell job: it shows in
/// Get-Job, Stop-Job stops it, Receive-Job gives its final counters, and a server that dies on its own turns the
/// job Failed with the server's message. Closing PowerShell closes the control channel, which stops the server.
/// </summary>
public sealed class IoEngineServerJob : Job
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private readonly ServerProcess _server;
    private int _stopping;

    internal IoEngineServerJob(ServerProcess server, ServerSettings settings, string command, string? name)
        : base(command, name)
    {
        _server = server;
        Engine = settings.Engine;
        Variant = settings.Variant;
        Protocol = settings.Protocol.Kind;
        MessageSize = settings.Protocol.MessageBytes;
        PSJobTypeName = "IoEngineServer";
        SetJobState(JobState.Running);
        _ = server.Exited.ContinueWith(_ => OnExited(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    public string Engine { get; }

    public string? Variant { get; }

    public ProtocolKind Protocol { get; }

    /// <summary>Echo: bytes per message (Invoke-LoadTest takes it from the pipeline, with <see cref="Target"/>).</summary>
    public int MessageSize { get; }

    public IPEndPoint EndPoint => _server.EndPoint;

    /// <summary>ADDR:PORT, what Invoke-LoadTest -Target takes (also from the pipeline).</summary>
    public string Target => _server.EndPoint.ToString();

    public int ProcessId => _server.ProcessId;

    /// <summary>The counters read just before the server was stopped; null while it runs.</summary>
    public EngineCounters? FinalCounters { get; private set; }

    public override string StatusMessage => _server.HasExited && FinalCounters is null ? _server.StandardError : string.Empty;

    public override bool HasMoreData => Output.Count > 0 || Error.Count > 0;

    public override string Location => Target;

    /// <summary>Live counters over the control channel.</summary>
    public Task<EngineCounters> ReadCountersAsync(CancellationToken cancellationToken) =>
        _server.HasExited
            ? Task.FromException<EngineCounters>(new AsyncIoToolsException(FailureKind.RunFailed, $"the {Engine} server on {Target} is no longer running"))
            : _server.ReadCountersAsync(cancellationToken);

    /// <summary>Reads the final counters (into the job's output), then closes the control channel and waits for the server to exit.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            await _server.Exited.WaitAsync(cancellationToken);
            return;
        }

        if (!_server.HasExited)
        {
            try
            {
                var counters = await _server.ReadCountersAsync(cancellationToken);
                FinalCounters = counters;
                Output.Add(PSObject.AsPSObject(counters));
            }
            catch (AsyncIoToolsException)
            {
                // It died while we asked: OnExited has nothing more to say than its stderr, kept in StatusMessage.
            }
        }

        await _server.StopAsync(StopTimeout);
        if (JobStateInfo.State is not (JobState.Failed or JobState.Completed or JobState.Stopped))
        {
            SetJobState(JobState.Stopped);
        }
    }

    public override void StopJob() => StopAsync(CancellationToken.None).GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Interlocked.Exchange(ref _stopping, 1);
            _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    private void OnExited()
    {
        if (Volatile.Read(ref _stopping) == 1)
        {
            return;
        }

        var reason = _server.StandardError is { Length: > 0 } stderr ? stderr : "no message";
        Error.Add(Hosting.ErrorRecords.From(FailureKind.RunFailed, string.Create(CultureInfo.InvariantCulture, $"the {Engine} server on {Target} exited on its own: {reason}"), this));
        SetJobState(JobState.Failed);
    }
}
