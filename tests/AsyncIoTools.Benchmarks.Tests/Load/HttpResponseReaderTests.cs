using System.Text;
using AsyncIoTools.Benchmarks.Load;

namespace AsyncIoTools.Benchmarks.Tests.Load;

public sealed class HttpResponseReaderTests
{
    private const string Response = "HTTP/1.1 200 OK\r\nServer: x\r\nContent-Length: 13\r\n\r\nHello, World!";

    [Fact]
    public void Read_SplitAtEveryPosition_CompletesExactlyOnceWithAllBytesConsumed()
    {
        var bytes = Encoding.ASCII.GetBytes(Response);
        for (var split = 1; split < bytes.Length; split++)
        {
            var connection = new LoadConnection(0, active: true, source: null);
            var first = HttpResponseReader.Read(connection, bytes.AsSpan(0, split), out var used1);
            Assert.Equal(ResponseOutcome.NeedMore, first);
            Assert.Equal(split, used1);

            var second = HttpResponseReader.Read(connection, bytes.AsSpan(split), out var used2);
            Assert.Equal(ResponseOutcome.Completed, second);
            Assert.Equal(bytes.Length - split, used2);
            Assert.Equal(200, connection.Status);
        }
    }

    [Fact]
    public void Read_PipelinedResponses_ComeOutOneAtATime()
    {
        var bytes = Encoding.ASCII.GetBytes(Response + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var connection = new LoadConnection(0, active: true, source: null);

        Assert.Equal(ResponseOutcome.Completed, HttpResponseReader.Read(connection, bytes, out var used));
        Assert.Equal((200, false), (connection.Status, connection.ServerCloses));

        Assert.Equal(ResponseOutcome.Completed, HttpResponseReader.Read(connection, bytes.AsSpan(used), out var rest));
        Assert.Equal((404, true), (connection.Status, connection.ServerCloses));
        Assert.Equal(bytes.Length, used + rest);
    }

    [Theory]
    [InlineData("SMTP 220 hello\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")]
    public void Read_NotAResponseWeUnderstand_IsMalformed(string text)
    {
        var connection = new LoadConnection(0, active: true, source: null);
        Assert.Equal(ResponseOutcome.Malformed, HttpResponseReader.Read(connection, Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void Read_EndlessHead_IsMalformedOnceItPassesTheLimit()
    {
        var connection = new LoadConnection(0, active: true, source: null);
        var chunk = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nX: " + new string('a', 4000));
        var outcome = ResponseOutcome.NeedMore;
        for (var i = 0; i < 10 && outcome == ResponseOutcome.NeedMore; i++)
        {
            outcome = HttpResponseReader.Read(connection, chunk, out _);
        }

        Assert.Equal(ResponseOutcome.Malformed, outcome);
    }
}
