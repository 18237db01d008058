using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;

namespace AsyncIoTools.Engines.Threads;

/// <summary>
/// Blocking acceptor threads (one per listener) that start a thread for every connection. The connections'
/// counters and syscall tallies, ended ones included, come from the roster they all share.
/// </summary>
internal sealed class ThreadPerConnectionEngine : LoopEngine
{
    private readonly ConnectionRoster _roster = new();

    public ThreadPerConnectionEngine(ServerSettings settings)
        : base(ThreadsEngine.Name, "blocking", settings)
    {
    }

    protected override IReadOnlyList<LoopWorker> CreateWorkers()
    {
        var listeners = Listeners.Open(Settings, Settings.EffectiveLoops, nonBlocking: false);
        LocalEndPoint = listeners[0].LocalEndPoint;
        return listeners
            .Select((listener, i) => new BlockingAcceptor($"aiotools-{Name}-{i}", listener, Rules, Settings.Tuning, Transfer, _roster))
            .ToArray();
    }

    protected override void AddCounters(LoopCounters total, Span<long> syscalls) => _roster.AddTo(total, syscalls);

    protected override void DisposeResources() => _roster.Dispose();
}
