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
        // Other tests in this process open and close sockets meanwhile (CI once saw 6 close between two counts), so
        // a try counts only where nothing else changed: up 5 on opening 5 files, down 5 on closing them. A count
        // that does not follow the files never shows that, however quiet the process.
        var tries = new List<string>();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var before = ProcessHandles.CountOpen();
            var files = Enumerable.Range(0, 5).Select(_ => File.OpenRead(typeof(ServerControlTests).Assembly.Location)).ToList();
            var open = ProcessHandles.CountOpen();
            files.ForEach(f => f.Dispose());
            var after = ProcessHandles.CountOpen();
            if (open - before == 5 && open - after == 5)
            {
                return;
            }

            tries.Add($"{before}→{open}→{after}");
        }

        Assert.Fail($"no try counted 5 more open files and 5 fewer once closed: {string.Join(", ", tries)}");
    }
}
