using System.Runtime.Versioning;
using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Failures;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.Iocp;

/// <summary>
/// The proactor: one completion port, one listener with several AcceptEx posted ahead, and N interchangeable
/// workers dequeuing completions from the port in batches. Whatever the workers share lives here: the port,
/// the listener, the connections, and the count of operations in flight that makes a stop safe — native
/// memory is freed only once the kernel has given every OVERLAPPED back.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class CompletionPortServer : LoopEngine
{
    private const int AcceptsPerWorker = 8;
    private const int MinimumBufferBytes = 16 * 1024;

    private readonly bool _skipOnSuccess;
    private IocpConnections? _connections;
    private IocpAccept[] _accepts = [];
    private int _busy;
    private int _stopRequested;
    private volatile bool _stopping;

    public CompletionPortServer(string name, string variant, ServerSettings settings, bool skipOnSuccess)
        : base(name, variant, settings)
    {
        _skipOnSuccess = skipOnSuccess;
    }

    public CompletionPort Port { get; private set; } = null!;

    public OverlappedSocket Listener { get; private set; } = null!;

    public WinsockExtensions Extensions { get; private set; } = null!;

    /// <summary>The server's protocol, limits and accept policy.</summary>
    public ServerRules ConnectionRules => Rules;

    public IocpConnections Connections => _connections!;

    public SocketTuning Tuning => Settings.Tuning;

    /// <summary>Calls that complete at once are handled inline (skip-on-success took effect on the listener).</summary>
    public bool SkipOnSuccess => Listener.SkipsCompletionOnSuccess;

    public bool Stopping => _stopping;

    /// <summary>The AcceptEx slots worker <paramref name="worker"/> posts when it starts.</summary>
    public ReadOnlySpan<IocpAccept> AcceptsOf(int worker) => _accepts.AsSpan(worker * AcceptsPerWorker, AcceptsPerWorker);

    /// <summary>One more operation in flight (or a handler running, which may post more).</summary>
    public void Acquire() => Interlocked.Increment(ref _busy);

    /// <summary>One fewer; when the last goes during a stop, the workers are told to exit.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _busy) == 0 && _stopping)
        {
            Port.Post(CompletionKeys.Stop);
        }
    }

    /// <summary>
    /// Stops accepting and closes every connection: closing a socket aborts its pending operation, whose
    /// completion then arrives failed and is handled as any other. Safe from any thread, and again.
    /// </summary>
    public void BeginStop()
    {
        if (_connections is null || Interlocked.Exchange(ref _stopRequested, 1) != 0)
        {
            return;
        }

        Acquire();
        _stopping = true;
        var open = Connections.CloseToNew();
        Listener.Dispose();
        foreach (var socket in open)
        {
            socket.Dispose();
        }

        Release();
    }

    protected override IReadOnlyList<LoopWorker> CreateWorkers()
    {
        var workerCount = Settings.EffectiveLoops;
        Listener = OpenListener();
        try
        {
            LocalEndPoint = Listener.LocalEndPoint;
            Extensions = WinsockExtensions.Load(Listener);
            Port = CompletionPort.Create(workerCount);
            Port.Associate(Listener, CompletionKeys.Listener);
            if (_skipOnSuccess && Listener.HasKernelHandles)
            {
                Listener.TrySkipCompletionPortOnSuccess();
            }
        }
        catch
        {
            Listener.Dispose();
            Port?.Dispose();
            throw;
        }

        // What is not answered yet is the machine's to hold, so one receive's worth is enough here.
        _connections = new IocpConnections(MinimumBufferBytes, Math.Max(MinimumBufferBytes, ServerProtocol.MinimumOutputSpace));
        _accepts = Enumerable.Range(0, workerCount * AcceptsPerWorker).Select(_ => new IocpAccept()).ToArray();
        return Enumerable.Range(0, workerCount).Select(i => new IocpWorker($"aiotools-{Name}-{i}", i, this)).ToArray();
    }

    protected override void DisposeResources()
    {
        // Workers that died may have left operations in flight: those slots keep their memory (see OverlappedOperation).
        foreach (var accept in _accepts)
        {
            accept.Dispose();
        }

        _connections?.Dispose();
        Listener?.Dispose();
        Port?.Dispose();
    }

    /// <summary>What only the Linux engines can do is refused in one clear line rather than quietly ignored.</summary>
    protected override void RefuseUnsupportedSettings()
    {
        var refusal = Settings switch
        {
            { SharePort: true } => AsyncIoToolsException.ForSettings(FailureKind.Usage, $"the iocp engine cannot share its port ({Setting.SharePort}): Windows has no SO_REUSEPORT; run one server with more {Setting.Loops} instead"),
            { Protocol.Kind: ProtocolKind.File } => new AsyncIoToolsException(FailureKind.Usage, "the iocp engine serves http and echo; the file protocol needs Linux (openat2, sendfile, splice)"),
            { Tuning.Cork: true } => AsyncIoToolsException.ForSettings(FailureKind.Usage, $"the iocp engine cannot cork ({Setting.Cork}): TCP_CORK is a Linux option"),
            { Tuning.FastOpenQueueLength: not null } => AsyncIoToolsException.ForSettings(FailureKind.Usage, $"the iocp engine does not set TCP Fast Open on its listener ({Setting.Fastopen})"),
            { Tuning.CongestionControl: not null } => AsyncIoToolsException.ForSettings(FailureKind.Usage, $"the iocp engine cannot choose a congestion control ({Setting.CongestionControl}): TCP_CONGESTION is a Linux option"),
            _ => null,
        };
        if (refusal is not null)
        {
            throw refusal;
        }
    }

    private OverlappedSocket OpenListener()
    {
        var endPoint = Settings.Endpoint;
        try
        {
            return OverlappedSocket.Listen(endPoint, Settings.Backlog);
        }
        catch (Win32ErrorException e) when (e.Error == IoError.AddressInUse)
        {
            throw AsyncIoToolsException.ForSettings(FailureKind.AddressInUse, $"{endPoint} is already in use (bind: {e.ErrorName}); choose another {Setting.Port}, or 0 for a free one");
        }
        catch (Win32ErrorException e) when (e.Error is IoError.AddressNotAvailable or IoError.PermissionDenied)
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"cannot listen on {endPoint}: {e.Message}");
        }
    }
}
