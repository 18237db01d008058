using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;

namespace AsyncIoTools.Engines.IoUring;

/// <summary>
/// N io_uring loops, one ring each, fed by one listener per loop (SO_REUSEPORT) or by the first loop's
/// listener handing connections out in turn.
/// </summary>
internal sealed class IoUringServer : LoopEngine
{
    private readonly IoUringVariant _variant;

    public IoUringServer(IoUringVariant variant, ServerSettings settings)
        : base(IoUringEngine.Name, variant.Name, settings)
    {
        _variant = variant;
    }

    protected override IReadOnlyList<LoopWorker> CreateWorkers()
    {
        var loopCount = Settings.EffectiveLoops;
        var listeners = Listeners.Open(Settings, loopCount);
        LocalEndPoint = listeners[0].LocalEndPoint;
        var handOff = listeners.Count == 1 && loopCount > 1;
        var loops = new IoUringLoop[loopCount];
        for (var i = 0; i < loopCount; i++)
        {
            var listener = i < listeners.Count ? listeners[i] : null;
            loops[i] = new IoUringLoop($"aiotools-{Name}-{i}", _variant, Rules, Settings.Tuning, Transfer, listener, handOff);
        }

        if (handOff)
        {
            loops[0].HandOffTo(loops);
        }

        return loops;
    }
}
