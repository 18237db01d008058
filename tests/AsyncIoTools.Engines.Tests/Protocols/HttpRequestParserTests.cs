using System.Text;
using AsyncIoTools.Engines.Protocols.Http;

namespace AsyncIoTools.Engines.Tests.Protocols;

public sealed class HttpRequestParserTests
{
    private const int Max = 8192;

    [Fact]
    public void TryParse_WrkStyleRequest_IsComplete()
    {
        const string request = "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";
        var status = Parse(request, out var head);

        Assert.Equal(HttpParseStatus.Complete, status);
        Assert.Equal(HttpMethodKind.Get, head.Method);
        Assert.True(head.TargetIsPlaintext);
        Assert.True(head.IsHttp11);
        Assert.True(head.KeepAlive);
        Assert.Equal(request.Length, head.HeadLength);
    }

    [Fact]
    public void TryParse_EveryPrefixOfAHead_IsIncompleteAndTheWholeIsComplete()
    {
        var text = "GET /plaintext?x=1 HTTP/1.1\r\nHost: h\r\nUser-Agent: a b\r\nAccept: */*\r\n\r\n";
        for (var split = 0; split < text.Length; split++)
        {
            Assert.Equal(HttpParseStatus.Incomplete, Parse(text[..split], out _));
        }

        Assert.Equal(HttpParseStatus.Complete, Parse(text, out var head));
        Assert.Equal(text.Length, head.HeadLength);
        Assert.True(head.TargetIsPlaintext);
    }

    [Fact]
    public void TryParse_Pipelined_StopsAtTheEndOfTheFirstHead()
    {
        var first = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";
        var status = Parse(first + "GET /x HTTP/1.1\r\nHost: h\r\n\r\n", out var head);

        Assert.Equal(HttpParseStatus.Complete, status);
        Assert.Equal(first.Length, head.HeadLength);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\nHost: h\n\n")]
    [InlineData("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nhost:h\r\n\r\n")]
    [InlineData("GET / HTTP/1.0\r\n\r\n")]
    public void TryParse_LenientButValidForms_AreAccepted(string text) =>
        Assert.Equal(HttpParseStatus.Complete, Parse(text, out _));

    [Theory]
    [InlineData("GARBAGE\r\n\r\n")]
    [InlineData("GET /\r\nHost: h\r\n\r\n")]
    [InlineData("GET / HTTP/2.0\r\nHost: h\r\n\r\n")]
    [InlineData("GET / FTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("G(T / HTTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("GET /a b HTTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost : h\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\rX\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nNoColon\r\nHost: h\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\u0001\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: x1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")]
    [InlineData("GET /a\tb HTTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("GET /\u007f HTTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("P\u00e9T / HTTP/1.1\r\nHost: h\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1 2\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\nUser-Agent: a\u007fb\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\nX-\u00e9: a\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\n\r\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHOST: h\r\nX: a\u000bb\r\n\r\n")]
    public void TryParse_MalformedHeads_AreRejected(string text) =>
        Assert.Equal(HttpParseStatus.Malformed, Parse(text, out _));

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nX: a\u0001b\r\nHost: h")]
    [InlineData("GET / HTTP/1.1\r\nX: a\rb\r\nHost: h\r\n")]
    public void TryParse_ABadFieldLine_IsMalformedBeforeTheHeadIsWhole(string text) =>
        Assert.Equal(HttpParseStatus.Malformed, Parse(text, out _));

    [Fact]
    public void TryParse_ABadFieldLineBeforeTheLimit_IsMalformedNotTooLarge()
    {
        var filler = new string('a', Max);
        Assert.Equal(HttpParseStatus.Malformed, Parse($"GET / HTTP/1.1\r\nX: \u0002\r\nY: {filler}\r\nHost: h\r\n\r\n", out _));
        Assert.Equal(HttpParseStatus.Malformed, Parse($"GET / HTTP/1.1\r\nX: \u0002\r\nY: {filler}", out _));
    }

    [Fact]
    public void TryParse_TabsAndObsTextInValues_AreAccepted()
    {
        Assert.Equal(HttpParseStatus.Complete, Parse("GET / HTTP/1.1\r\nHost: h\r\nX: a\tb \u00e9\t\r\nhOsT-Not: x\n\r\n", out var head));
        Assert.Equal("GET / HTTP/1.1\r\nHost: h\r\nX: a\tb \u00e9\t\r\nhOsT-Not: x\n\r\n".Length, head.HeadLength);
    }

    [Fact]
    public void TryParse_HeadLongerThanTheLimit_IsTooLarge()
    {
        var filler = new string('a', Max);
        Assert.Equal(HttpParseStatus.TooLarge, Parse($"GET / HTTP/1.1\r\nHost: h\r\nX: {filler}\r\n\r\n", out _));
    }

    [Fact]
    public void TryParse_UnfinishedHeadPastTheLimit_IsTooLargeWithoutWaitingForTheRest()
    {
        var filler = new string('a', Max + 10);
        Assert.Equal(HttpParseStatus.TooLarge, Parse($"GET / HTTP/1.1\r\nX: {filler}", out _));
        Assert.Equal(HttpParseStatus.Incomplete, Parse($"GET / HTTP/1.1\r\nX: {filler[..100]}", out _));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", false)]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, Close\r\n\r\n", false)]
    [InlineData("GET / HTTP/1.0\r\n\r\n", false)]
    [InlineData("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true)]
    [InlineData("GET / HTTP/1.1\r\nHost: h\r\nConnection: upgrade\r\n\r\n", true)]
    [InlineData("PUT / HTTP/1.1\r\nHost: h\r\nCONNECTION:\t close \t\r\n\r\n", false)]
    public void TryParse_ConnectionOptions_DecideKeepAlive(string text, bool keepAlive)
    {
        Assert.Equal(HttpParseStatus.Complete, Parse(text, out var head));
        Assert.Equal(keepAlive, head.KeepAlive);
    }

    [Fact]
    public void TryParse_BodyFraming_IsReported()
    {
        Assert.Equal(HttpParseStatus.Complete, Parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 12\r\n\r\n", out var sized));
        Assert.Equal((HttpMethodKind.Other, 12L), (sized.Method, sized.ContentLength));

        Assert.Equal(HttpParseStatus.Complete, Parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n", out var chunked));
        Assert.True(chunked.HasTransferEncoding);
    }

    private static HttpParseStatus Parse(string text, out HttpRequestHead head) =>
        HttpRequestParser.TryParse(Encoding.Latin1.GetBytes(text), Max, out head);
}
