using AsyncIoTools.Engines.Interop;
using BenchmarkDotNet.Attributes;
using EpollInstance = AsyncIoTools.Engines.Interop.Epoll;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Micro;

/// <summary>
/// The cost of ONE wait call with N idle descriptors registered and one ready — the seeds' O(n) against O(1)
/// at the level of a single call. select rebuilds its bitmap and scans every registration afterwards; poll
/// hands the whole pollfd array over and scans it; epoll's interest list lives in the kernel and only the ready
/// descriptor comes back. select cannot register a descriptor numbered FD_SETSIZE (1024) or above: where N plus
/// the process's own descriptors does not fit below that, its setup ends the benchmark process with the reason
/// (<see cref="NotApplicable"/>) and BenchmarkDotNet prints the row as NA (not applicable) instead of dropping it.
/// </summary>
[MemoryDiagnoser]
public class ReadinessWaitBenchmarks : IDisposable
{
    private readonly ReadyEvent[] _events = new ReadyEvent[64];
    private IdleDescriptors? _descriptors;
    private DescriptorSet? _read;
    private List<NativeSocket> _registered = [];
    private PollSet? _poll;
    private EpollInstance? _epoll;

    [Params(10, 100, 1000, 10000)]
    public virtual int Descriptors { get; set; }

    [GlobalSetup(Target = nameof(Select))]
    public void SetUpSelect()
    {
        _descriptors = new IdleDescriptors(Descriptors);
        _registered = [.. _descriptors.Idle, _descriptors.Ready];
        var outside = _registered.Count(socket => !DescriptorSet.CanHold(socket));
        if (outside > 0)
        {
            NotApplicable.Exit(
                $"select cannot watch a descriptor numbered FD_SETSIZE ({DescriptorSet.Capacity}) or above, and {outside} of the {_registered.Count} needed here are (the process itself holds {OpenDescriptors() - 2 * ((Descriptors + 1) / 2) - 2} before the benchmark opens any)");
        }

        _read = new DescriptorSet();
    }

    [GlobalSetup(Target = nameof(Poll))]
    public void SetUpPoll()
    {
        _descriptors = new IdleDescriptors(Descriptors);
        _poll = new PollSet();
        var token = 0ul;
        foreach (var socket in _descriptors.Idle)
        {
            _poll.Add(socket, IoEvents.Readable, token++);
        }

        _poll.Add(_descriptors.Ready, IoEvents.Readable, token);
    }

    [GlobalSetup(Target = nameof(Epoll))]
    public void SetUpEpoll()
    {
        _descriptors = new IdleDescriptors(Descriptors);
        _epoll = EpollInstance.Create();
        var token = 0ul;
        foreach (var socket in _descriptors.Idle)
        {
            _epoll.Add(socket, IoEvents.Readable, token++);
        }

        _epoll.Add(_descriptors.Ready, IoEvents.Readable, token);
    }

    public void Dispose()
    {
        CleanUp();
        GC.SuppressFinalize(this);
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _epoll?.Dispose();
        _descriptors?.Dispose();
        (_epoll, _descriptors, _poll, _read) = (null, null, null, null);
    }

    /// <summary>Rebuild the fd_set, select, then test every registration's bit — what the select engine does per wait.</summary>
    [Benchmark]
    public int Select()
    {
        var read = _read!;
        read.Clear();
        foreach (var socket in _registered)
        {
            read.TryAdd(socket);
        }

        DescriptorSet.Select(read, null, null, 0);
        var found = 0;
        foreach (var socket in _registered)
        {
            found += read.Contains(socket) ? 1 : 0;
        }

        return found;
    }

    /// <summary>poll over the whole array, then look at every entry's revents — what the poll engine does per wait.</summary>
    [Benchmark]
    public int Poll()
    {
        var poll = _poll!;
        poll.Wait(0);
        var found = 0;
        for (var i = 0; i < poll.Count; i++)
        {
            found += poll.ReturnedAt(i) != IoEvents.None ? 1 : 0;
        }

        return found;
    }

    /// <summary>epoll_wait: the ready descriptor comes back, the idle ones are never looked at.</summary>
    [Benchmark]
    public int Epoll() => _epoll!.Wait(_events, 0);

    private static int OpenDescriptors() => Directory.EnumerateFileSystemEntries("/proc/self/fd").Count();
}
