using System.Globalization;
using System.Text;
using AsyncIoTools.Engines.Protocols.Http;

namespace AsyncIoTools.Engines.Tests.Protocols;

public sealed class HttpResponseSetTests
{
    private static readonly DateTimeOffset First = new(1994, 11, 6, 8, 49, 37, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = new(2026, 12, 3, 23, 5, 9, TimeSpan.Zero);

    [Fact]
    public void Stamp_WritesTheNewDateIntoEveryResponse_AndChangesNothingElse()
    {
        var stamped = HttpResponseSet.Create(First);
        var fresh = HttpResponseSet.Create(Later);

        stamped.Stamp(Later);

        Assert.Equal(Later.ToString("r", CultureInfo.InvariantCulture), stamped.Date);
        foreach (var status in Enum.GetValues<HttpStatus>())
        {
            foreach (var connection in Enum.GetValues<HttpConnectionHeader>())
            {
                foreach (var headOnly in new[] { false, true })
                {
                    var expected = Encoding.ASCII.GetString(fresh.Get(status, connection, headOnly));
                    Assert.Equal(expected, Encoding.ASCII.GetString(stamped.Get(status, connection, headOnly)));
                    Assert.Contains("Date: Thu, 03 Dec 2026 23:05:09 GMT\r\n", expected, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Stamp_AllocatesNothing()
    {
        var set = HttpResponseSet.Create(First);
        set.Stamp(Later); // JIT and first-call work out of the way

        var before = GC.GetAllocatedBytesForCurrentThread();
        set.Stamp(First);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Get_AnswersEachStatusWithItsOwnStatusLine()
    {
        var set = HttpResponseSet.Create(Later);
        foreach (var status in Enum.GetValues<HttpStatus>())
        {
            var text = Encoding.ASCII.GetString(set.Get(status, HttpConnectionHeader.Omitted, headOnly: false));
            Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {(int)status} "), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Clock_MovesOnWithTheWallClock_WithoutATimer()
    {
        var first = DateTimeOffset.ParseExact(HttpResponseClock.Current.Date, "r", CultureInfo.InvariantCulture);

        // Past the next second's turn (with room for the coarse clock): the first read after it restamps.
        Thread.Sleep(1000 - DateTimeOffset.UtcNow.Millisecond + 100);
        var later = DateTimeOffset.ParseExact(HttpResponseClock.Current.Date, "r", CultureInfo.InvariantCulture);
        var now = DateTimeOffset.UtcNow;

        Assert.True(later > first, $"{later:r} after {first:r}");
        Assert.InRange(now - later, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Clock_ServesADateWithinTheLastFewSeconds()
    {
        var date = DateTimeOffset.ParseExact(HttpResponseClock.Current.Date, "r", CultureInfo.InvariantCulture);

        Assert.InRange(DateTimeOffset.UtcNow - date, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(30));
    }
}
