using System.Diagnostics.Tracing;
using System.Net.Sockets;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace AsyncIoTools.Diagnostics.EventPipe;

/// <summary>
/// One EventPipe session on a target, read to its end on a dedicated thread. The reader must drain the stream
/// whatever happens: a reader that stops leaves the runtime's buffers full and the session's stop request can then
/// hang for minutes, so a failed parser hands over to a plain drain and the failure is reported afterwards.
/// </summary>
public sealed class TraceCapture : IDisposable
{
    /// <summary>How long the stop request may take, rundown included, before the stream is cut.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    private readonly EventPipeSession _session;
    private readonly DotNetTarget _target;
    private EventPipeEventSource? _source;

    private TraceCapture(DotNetTarget target, EventPipeSession session)
    {
        _target = target;
        _session = session;
    }

    public static TraceCapture Start(DotNetTarget target, IReadOnlyList<EventPipeProvider> providers, bool requestRundown, bool requestStacks, int bufferMegabytes)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Start(target, ClientOf(target), providers, requestRundown, requestStacks, bufferMegabytes);
    }

    /// <summary>
    /// A session on a runtime held at its start on our diagnostic port: the session is set up first, then the
    /// runtime resumed, so the capture sees the app from its first instruction.
    /// </summary>
    public static TraceCapture Start(PortAttachment port, IReadOnlyList<EventPipeProvider> providers, bool requestRundown, bool requestStacks, int bufferMegabytes)
    {
        ArgumentNullException.ThrowIfNull(port);
        var capture = Start(port.Target, port.Client, providers, requestRundown, requestStacks, bufferMegabytes);
        port.Resume();
        return capture;
    }

    /// <summary>
    /// A client of the endpoint the locator checked, by its path. The library's own lookup by process id takes the
    /// newest dotnet-diagnostic-PID-*-socket in our temporary folder, which may be one an earlier process with this id
    /// left (whatever answers there is not the target) or miss a target whose TMPDIR is another folder.
    /// </summary>
    private static DiagnosticsClient ClientOf(DotNetTarget target) =>
        // A connect port only wraps the path: the task is complete, and the socket is opened by each request.
        DiagnosticsClientConnector.FromDiagnosticPort(target.EndpointPath + ",connect", CancellationToken.None).GetAwaiter().GetResult().Instance;

    private static TraceCapture Start(DotNetTarget target, DiagnosticsClient client, IReadOnlyList<EventPipeProvider> providers, bool requestRundown, bool requestStacks, int bufferMegabytes)
    {
        var configuration = new EventPipeSessionConfiguration(providers, bufferMegabytes, requestRundown, requestStacks);
        try
        {
            return new TraceCapture(target, client.StartEventPipeSession(configuration));
        }
        catch (Exception e) when (Translate(target, e) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>A provider by name, for sources such as FrameworkEventSource that arrive under a name-hash GUID.</summary>
    public static EventPipeProvider Provider(string name, EventLevel level, long keywords, IDictionary<string, string>? arguments = null) =>
        new(name, level, keywords, arguments);

    /// <summary>
    /// Runs <paramref name="read"/> over the event stream until <paramref name="duration"/> elapses (null: until
    /// <paramref name="cancellationToken"/>), the token fires, or the target goes away; then stops the session and
    /// waits for the reader to see the end of the stream.
    /// </summary>
    public async Task<CaptureEnd> RunAsync(Action<Stream> read, TimeSpan? duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var stream = _session.EventStream;
        var reader = Task.Factory.StartNew(() => ReadToEnd(stream, read), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var end = await WaitForStopAsync(reader, duration, cancellationToken);
        if (end != CaptureEnd.TargetExited && !TryStop())
        {
            end = CaptureEnd.TargetExited;
        }

        StoppedAt = MonotonicClock.Now;

        if (await Task.WhenAny(reader, Task.Delay(StopGrace, CancellationToken.None)) != reader)
        {
            // The runtime did not close the stream in time: cut it, the reader then ends with an I/O error.
            _session.Dispose();
            await Task.WhenAny(reader, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
        }

        // A target killed mid-block leaves a truncated stream, which the parser reports as a format error: that is
        // the target's end, not a failure of ours.
        if (reader.IsCompleted && reader.Result is { } failure && !(failure is FormatException && IsGone(_target.ProcessId)))
        {
            throw new InvalidOperationException($"reading the event stream failed: {failure.Message}", failure);
        }

        return end;
    }

    /// <summary>When the runtime had stopped the session (its answer to the stop request), on the monotonic clock; 0 before.</summary>
    public long StoppedAt { get; private set; }

    /// <summary>Events the runtime dropped so far (buffer full), as the live parser counts them.</summary>
    public long EventsLost => Volatile.Read(ref _source)?.EventsLost ?? 0;

    /// <summary>Every callback of the live parser goes through it; timers working on the same data can use it too.</summary>
    public CallbackGuard Guard { get; } = new();

    /// <summary>
    /// Parses the stream live with TraceEvent's dynamic parser (providers such as FrameworkEventSource arrive
    /// under a name-hash GUID and are matched by name), every event to <paramref name="onEvent"/> through
    /// <see cref="Guard"/>; with <paramref name="copy"/>, the raw bytes are kept too. Throws after the session if
    /// any callback failed.
    /// </summary>
    public async Task<CaptureEnd> ParseAsync(Action<TraceEvent> onEvent, Stream? copy, TimeSpan? duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        var end = await RunAsync(
            stream =>
            {
                using var source = new EventPipeEventSource(copy is null ? stream : new TeeStream(stream, copy));
                Volatile.Write(ref _source, source);
                source.Dynamic.All += Guard.Wrap(onEvent);
                source.Process();
            },
            duration,
            cancellationToken);
        Guard.ThrowIfFailed();
        return end;
    }

    public void Dispose() => _session.Dispose();

    private static async Task<CaptureEnd> WaitForStopAsync(Task reader, TimeSpan? duration, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (duration is { } limit)
        {
            stop.CancelAfter(limit);
        }

        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = stop.Token.Register(() => stopped.TrySetResult());
        var first = await Task.WhenAny(reader, stopped.Task);
        if (first == reader)
        {
            return CaptureEnd.TargetExited;
        }

        return cancellationToken.IsCancellationRequested ? CaptureEnd.Canceled : CaptureEnd.Completed;
    }

    /// <summary>Reads with <paramref name="read"/>, and if it fails, drains the rest; returns the failure, if any.</summary>
    private static Exception? ReadToEnd(Stream stream, Action<Stream> read)
    {
        Exception? failure = null;
        try
        {
            read(stream);
        }
#pragma warning disable CA1031 // Whatever the parser threw, the stream must still be drained; the failure is rethrown after.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = e;
        }

        try
        {
            stream.CopyTo(Stream.Null);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The session was cut or the target went away: the end of the stream either way.
        }

        return failure is IOException or ObjectDisposedException or EndOfStreamException ? null : failure;
    }

    private static bool IsGone(int processId) => processId > 0 && ProcFs.State(processId) is null or 'Z' or 'X';

    /// <summary>Asks the runtime to end the session; false when the target is no longer there to ask.</summary>
    private bool TryStop()
    {
        try
        {
            _session.Stop();
            return true;
        }
        catch (Exception e) when (e is ServerNotAvailableException or IOException or SocketException or TimeoutException or ServerErrorException)
        {
            return ProcFs.Exists(_target.ProcessId) && e is not ServerNotAvailableException;
        }
    }

    private static AsyncIoToolsException? Translate(DotNetTarget target, Exception e)
    {
        var who = $"process {target.ProcessId} ({target.Name})";
        return e switch
        {
            UnsupportedCommandException => new AsyncIoToolsException(FailureKind.RuntimeTooOld, $"{who} runs .NET {target.Runtime.RuntimeVersionText}, which cannot start this kind of EventPipe session: {e.Message}", e),
            ServerNotAvailableException when !ProcFs.Exists(target.ProcessId) => new AsyncIoToolsException(FailureKind.TargetExited, $"{who} exited before the session started", e),
            ServerNotAvailableException => new AsyncIoToolsException(FailureKind.NotDotNetProcess, $"{who} does not answer on its diagnostics endpoint: {e.Message}", e),
            UnauthorizedAccessException => new AsyncIoToolsException(FailureKind.PermissionDenied, $"permission denied on the diagnostics endpoint of {who}", e),
            SocketException { SocketErrorCode: SocketError.AccessDenied } => new AsyncIoToolsException(FailureKind.PermissionDenied, $"permission denied on the diagnostics endpoint of {who}", e),
            ServerErrorException => new AsyncIoToolsException(FailureKind.RunFailed, $"{who} refused the EventPipe session: {e.Message}", e),
            _ => null,
        };
    }
}
