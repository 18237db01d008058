using AsyncIoTools.Engines.Interop;
using BenchmarkDotNet.Attributes;

namespace AsyncIoTools.Micro;

/// <summary>
/// The cost of one io_uring wait as the number of armed descriptors grows: N − 1 idle eventfds each with a
/// multishot poll armed (interest registered in the kernel, as epoll's is), and one eventfd that is always
/// readable. Each operation arms a one-shot poll on the ready one and submits and waits in one io_uring_enter,
/// then reaps its completion from the mapped queue. io_uring's counterpart of epoll_wait with one ready
/// descriptor: the cost should not grow with N.
/// </summary>
[MemoryDiagnoser]
public class IoUringWaitBenchmarks
{
    private const ulong ReadyToken = ulong.MaxValue;

    private readonly IoUringCompletion[] _completions = new IoUringCompletion[16];
    private IoUringRing? _ring;
    private EventSignal[] _idle = [];
    private EventSignal? _ready;

    [Params(10, 100, 1000, 10000)]
    public int Descriptors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (IoUringCapabilities.Current.Unavailable is { } reason)
        {
            throw new NotSupportedException($"io_uring is unavailable here: {reason}");
        }

        ResourceLimits.RaiseOpenFilesToHard();
        _ring = IoUringRing.Create(new IoUringRingOptions { Entries = 1024 });
        _idle = new EventSignal[Descriptors - 1];
        for (var i = 0; i < _idle.Length; i++)
        {
            _idle[i] = EventSignal.Create();
            _ring.PreparePoll(_idle[i], IoEvents.Readable, (ulong)i, multishot: true);
        }

        _ready = EventSignal.Create();
        _ready.Signal(); // Never read: the counter stays non-zero, so the eventfd stays readable.
        _ring.Submit();
        if (_ring.CompletionsReady != 0)
        {
            throw new InvalidOperationException("an idle descriptor reported readiness");
        }
    }

    [Benchmark]
    public int SubmitAndWaitOneReady()
    {
        var ring = _ring!;
        ring.PreparePoll(_ready!, IoEvents.Readable, ReadyToken);
        ring.SubmitAndWait(1);
        return ring.Reap(_completions);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ring?.Dispose();
        foreach (var signal in _idle)
        {
            signal.Dispose();
        }

        _ready?.Dispose();
    }
}
