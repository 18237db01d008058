using AsyncIoTools.Engines.EventLoop;

namespace AsyncIoTools.Engines.Tests.EventLoop;

public sealed class SparePipesTests
{
    [Fact]
    public void Take_ByDefault_IsTheKernelsSixtyFourKiBPipe()
    {
        using var spares = new SparePipes();
        using var pipe = spares.Take();

        Assert.Equal(64 * 1024, pipe.Capacity);
    }

    /// <summary>io_uring's splices ask for 1 MiB pipes; past pipe-max-size an unprivileged process keeps 64 KiB.</summary>
    [Fact]
    public void Take_WithACapacity_ResizesThePipe()
    {
        using var spares = new SparePipes(1 << 20);
        using var pipe = spares.Take();

        var allowed = Environment.IsPrivilegedProcess || long.Parse(File.ReadAllText("/proc/sys/fs/pipe-max-size")) >= 1 << 20;
        Assert.Equal(allowed ? 1 << 20 : 64 * 1024, pipe.Capacity);
    }

    [Fact]
    public void Return_AnEmptyPipe_IsTakenAgain_OneHoldingBytesIsNot()
    {
        using var spares = new SparePipes(1 << 20);
        var empty = spares.Take();
        spares.Return(empty);
        Assert.Same(empty, spares.Take());

        empty.RecordFilled(10); // Bytes of a body abandoned mid-way: the next body must not send them.
        spares.Return(empty);
        using var next = spares.Take();

        Assert.NotSame(empty, next);
        Assert.Equal(0, next.Buffered);
    }
}
