using AsyncIoTools.Engines.Interop;
using BenchmarkDotNet.Attributes;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Micro;

/// <summary>
/// The cost of one io_uring wait as the number of armed descriptors grows, on the same descriptors as
/// <see cref="ReadinessWaitBenchmarks"/>: every idle socket has a multishot poll armed (interest registered in
/// the kernel, as epoll's is), and each operation arms a one-shot poll on the always-readable socket, submits and
/// waits in one io_uring_enter, and reaps its completion from the mapped queue. io_uring's counterpart of
/// epoll_wait with one ready descriptor: the cost should not grow with the number of idle ones.
/// </summary>
[MemoryDiagnoser]
public class IoUringWaitBenchmarks : IDisposable
{
    private const ulong ReadyToken = ulong.MaxValue;

    private readonly IoUringCompletion[] _completions = new IoUringCompletion[16];
    private IdleDescriptors? _descriptors;
    private IoUringRing? _ring;

    [Params(10, 100, 1000, 10000)]
    public int Descriptors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (IoUringCapabilities.Current.Unavailable is { } reason)
        {
            NotApplicable.Exit($"io_uring is unavailable here: {reason}");
        }

        _descriptors = new IdleDescriptors(Descriptors);
        _ring = IoUringRing.Create(new IoUringRingOptions { Entries = 1024 });
        for (var i = 0; i < _descriptors.Idle.Count; i++)
        {
            _ring.PreparePoll(_descriptors.Idle[i], IoEvents.Readable, (ulong)i, multishot: true);
        }

        _ring.Submit();
        if (_ring.CompletionsReady != 0)
        {
            throw new InvalidOperationException("an idle descriptor reported readiness");
        }
    }

    [Benchmark]
    public int IoUring()
    {
        var ring = _ring!;
        ring.PreparePoll(_descriptors!.Ready, IoEvents.Readable, ReadyToken);
        ring.SubmitAndWait(1);
        return ring.Reap(_completions);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _ring?.Dispose();
        _ring = null;
        _descriptors?.Dispose();
        _descriptors = null;
        GC.SuppressFinalize(this);
    }
}
