using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;

namespace AsyncIoTools.Engines.Reactor;

/// <summary>
/// A readiness-based server (select, poll, epoll): N reactor loops, each with its own demultiplexer, fed by
/// one listener per loop (SO_REUSEPORT) or by the first loop's listener handing connections out in turn.
/// </summary>
internal sealed class ReactorEngine : LoopEngine
{
    private readonly Func<IReadinessDemultiplexer> _createDemultiplexer;

    public ReactorEngine(string name, string variant, ServerSettings settings, Func<IReadinessDemultiplexer> createDemultiplexer)
        : base(name, variant, settings)
    {
        _createDemultiplexer = createDemultiplexer;
    }

    protected override IReadOnlyList<LoopWorker> CreateWorkers()
    {
        var loopCount = Settings.EffectiveLoops;
        var listeners = Listeners.Open(Settings, loopCount);
        LocalEndPoint = listeners[0].LocalEndPoint;
        var loops = new ReactorLoop[loopCount];
        try
        {
            for (var i = 0; i < loopCount; i++)
            {
                var listener = i < listeners.Count ? listeners[i] : null;
                loops[i] = new ReactorLoop($"aiotools-{Name}-{i}", _createDemultiplexer(), Rules, Settings.Tuning, Transfer, listener);
            }
        }
        catch
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }

            throw;
        }

        if (listeners.Count == 1 && loopCount > 1)
        {
            loops[0].HandOffTo(loops);
        }

        return loops;
    }
}
