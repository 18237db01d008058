using AsyncIoTools.Engines.Interop;
using BenchmarkDotNet.Attributes;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Micro;

/// <summary>
/// The cost of one system call through our interop, and of each layer the wrapper adds: a non-blocking recv
/// on an empty socket, which returns EAGAIN at once, so the kernel's share is the same in every row. Bare is a
/// plain descriptor without errno capture; then errno (SetLastError); then the SafeHandle's reference count;
/// then <see cref="NativeSocket.Receive"/> itself (per-thread tally, <see cref="IoResult"/>).
/// </summary>
public class InteropCallBenchmarks : IDisposable
{
    private readonly byte[] _buffer = new byte[64];
    private NativeSocket? _socket;
    private NativeSocket? _peer;

    [GlobalSetup]
    public void SetUp() => (_socket, _peer) = NativeSocket.CreatePair();

    public void Dispose()
    {
        CleanUp();
        GC.SuppressFinalize(this);
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _socket?.Dispose();
        _peer?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long Bare() => RawSyscalls.ReceiveBare(_socket!, _buffer);

    [Benchmark]
    public long WithErrno() => RawSyscalls.ReceiveWithErrno(_socket!, _buffer);

    [Benchmark]
    public long WithSafeHandle() => RawSyscalls.ReceiveWithHandle(_socket!, _buffer);

    [Benchmark]
    public bool NativeSocketReceive() => _socket!.Receive(_buffer).WouldBlock;
}
