using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Tests.Hosting;

public sealed class ServerControlTests
{
    [Fact]
    public void FormatHandles_ParseHandles_RoundTrip()
    {
        var line = ServerControl.FormatHandles(1234);

        Assert.Equal("handles 1234", line);
        Assert.Equal(1234, ServerControl.ParseHandles(line));
    }

    [Fact]
    public void ParseHandles_OtherLine_IsRefused() =>
        Assert.Throws<FormatException>(() => ServerControl.ParseHandles("counters {}"));

    [Fact]
    public void CountOpen_FollowsTheHandlesThisProcessOpens()
    {
        // Other threads of the test host may open or close something meanwhile: compare by at least, not exactly.
        var before = ProcessHandles.CountOpen();
        var files = Enumerable.Range(0, 5).Select(_ => File.OpenRead(typeof(ServerControlTests).Assembly.Location)).ToList();
        int open;
        try
        {
            open = ProcessHandles.CountOpen();
            Assert.True(open >= before + 5, $"{open} open after opening 5 files, {before} before");
        }
        finally
        {
            files.ForEach(f => f.Dispose());
        }

        Assert.True(ProcessHandles.CountOpen() <= open - 5, "closing the 5 files did not lower the count by 5");
    }
}
