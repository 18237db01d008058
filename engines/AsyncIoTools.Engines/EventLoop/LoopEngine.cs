using System.Net;
using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.EventLoop;

/// <summary>
/// What every engine built on loop threads shares: named threads, one per worker; a loop that dies is reported
/// through <see cref="Completion"/> and stops the others; counters summed over the loops and their syscall tallies;
/// the server's <see cref="ServerRules"/> (its protocol, limits and accept policy), made before the workers and
/// disposed after them, so a file server's root is closed whichever engine served it.
/// </summary>
internal abstract class LoopEngine : IServerEngine
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<LoopWorker> _workers = [];
    private ServerRules? _rules;
    private Exception? _failure;
    private int _running;
    private int _started;

    protected LoopEngine(string name, string variant, ServerSettings settings)
    {
        Name = name;
        Variant = variant;
        Settings = settings;
    }

    public string Name { get; }

    public string Variant { get; }

    public IPEndPoint LocalEndPoint { get; protected set; } = new(IPAddress.None, 0);

    public Task Completion => _completion.Task;

    protected ServerSettings Settings { get; }

    /// <summary>How files are sent: the registry has resolved the engine's default; an engine that serves none never asks.</summary>
    protected FileTransfer Transfer => Settings.Transfer ?? FileTransfer.ReadWrite;

    /// <summary>The server's rules; made by <see cref="Start"/> before <see cref="CreateWorkers"/>.</summary>
    protected ServerRules Rules => _rules ?? throw new InvalidOperationException("the engine has not started");

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the engine was already started");
        }

        RefuseUnsupportedSettings();
        _rules = new ServerRules(Settings);
        try
        {
            _workers = CreateWorkers();
        }
        catch
        {
            _rules.Dispose();
            throw;
        }

        _running = _workers.Count;
        foreach (var worker in _workers)
        {
            var thread = new Thread(() => RunWorker(worker)) { Name = worker.ThreadName, IsBackground = true };
            thread.Start();
        }
    }

    public async Task StopAsync()
    {
        foreach (var worker in _workers)
        {
            worker.RequestStop();
        }

        if (_workers.Count == 0)
        {
            _completion.TrySetResult();
        }

        // Wait for the loops, but let the caller see a loop's failure through Completion, not here.
        await Completion.ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        DisposeResources();
        _rules?.Dispose();
        GC.SuppressFinalize(this);
    }

    public EngineCounters ReadCounters()
    {
        var syscalls = new long[SyscallTally.KindCount];
        var total = new LoopCounters();
        foreach (var worker in _workers)
        {
            worker.Counters.AddTo(total);
            worker.Tally?.AddTo(syscalls);
        }

        AddCounters(total, syscalls);
        return total.ToEngineCounters(syscalls, syscallsCounted: true);
    }

    /// <summary>Adds what the engine counts beyond its loop threads (the threads it starts per connection, say).</summary>
    protected virtual void AddCounters(LoopCounters total, Span<long> syscalls)
    {
    }

    /// <summary>Throws a one-line usage failure for settings this engine cannot honour, before anything is opened.</summary>
    protected virtual void RefuseUnsupportedSettings()
    {
    }

    /// <summary>Binds what the loops need and makes them; a failure here (port in use) fails <see cref="Start"/>.</summary>
    protected abstract IReadOnlyList<LoopWorker> CreateWorkers();

    /// <summary>Releases what the engine itself owns beyond its workers (a shared listener, say).</summary>
    protected virtual void DisposeResources()
    {
    }

    private void RunWorker(LoopWorker worker)
    {
        worker.Tally = SyscallTally.Current;
        try
        {
            worker.Run();
        }
#pragma warning disable CA1031 // A dying loop is reported through Completion, and the others are stopped.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.CompareExchange(ref _failure, new InvalidOperationException($"{worker.ThreadName} stopped: {e.Message}", e), null);
            foreach (var other in _workers)
            {
                other.RequestStop();
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref _running) == 0)
            {
                if (_failure is { } failure)
                {
                    _completion.TrySetException(failure);
                }
                else
                {
                    _completion.TrySetResult();
                }
            }
        }
    }
}
