using System.Text;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.Tests.Protocols;

public sealed class HttpPlaintextProtocolTests
{
    private readonly HttpPlaintextProtocol _protocol = new();

    [Fact]
    public void Process_SixteenPipelinedRequests_AnswersAllInOneCall()
    {
        var input = Repeat("GET / HTTP/1.1\r\nHost: h\r\n\r\n", 16);
        var (step, output) = Process(input);

        Assert.Equal(input.Length, step.Consumed);
        Assert.Equal(16, step.Requests);
        Assert.Equal(16, Occurrences.Count(output, "HTTP/1.1 200 OK"));
        Assert.False(step.CloseAfterWrite);
    }

    [Fact]
    public void Process_PartialSecondRequest_IsLeftForTheNextCall()
    {
        var first = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";
        var (step, _) = Process(Encoding.ASCII.GetBytes(first + "GET / HTTP/1.1\r\nHo"));

        Assert.Equal(first.Length, step.Consumed);
        Assert.Equal(1, step.Requests);
    }

    [Fact]
    public void Process_BodySplitAcrossCalls_IsSkippedAndTheNextRequestAnswered()
    {
        long state = 0;
        var output = new byte[ServerProtocol.MinimumOutputSpace];
        var head = Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabcd");

        var first = _protocol.Process(head, output, ref state);
        Assert.Equal((head.Length, 1, 6L), (first.Consumed, first.Requests, state));
        Assert.Contains("405 Method Not Allowed", Encoding.ASCII.GetString(output, 0, first.Written), StringComparison.Ordinal);

        var rest = Encoding.ASCII.GetBytes("efghijGET / HTTP/1.1\r\nHost: h\r\n\r\n");
        var second = _protocol.Process(rest, output, ref state);
        Assert.Equal((rest.Length, 1, 0L), (second.Consumed, second.Requests, state));
        Assert.StartsWith("HTTP/1.1 200 OK", Encoding.ASCII.GetString(output, 0, second.Written), StringComparison.Ordinal);
    }

    [Fact]
    public void Process_OutputFull_StopsAtAResponseBoundaryAndResumes()
    {
        var input = Repeat("GET / HTTP/1.1\r\nHost: h\r\n\r\n", 200);
        long state = 0;
        var output = new byte[ServerProtocol.MinimumOutputSpace];
        var consumed = 0;
        var answered = 0;
        while (consumed < input.Length)
        {
            var step = _protocol.Process(input.AsSpan(consumed), output, ref state);
            Assert.True(step.Consumed > 0);
            Assert.True(step.Written <= output.Length);
            Assert.Equal(step.Requests, Occurrences.Count(output.AsSpan(0, step.Written).ToArray(), "HTTP/1.1 200 OK"));
            consumed += step.Consumed;
            answered += step.Requests;
        }

        Assert.Equal(200, answered);
    }

    [Theory]
    [InlineData("GARBAGE\r\n\r\n", "400 Bad Request")]
    [InlineData("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n", "501 Not Implemented")]
    public void Process_RejectedRequest_AnswersClosesAndConsumesEverything(string request, string status)
    {
        var input = Encoding.ASCII.GetBytes(request + "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        var (step, output) = Process(input);

        Assert.Equal(input.Length, step.Consumed);
        Assert.True(step.CloseAfterWrite);
        Assert.True(step.Rejected);
        Assert.Contains(status, Encoding.ASCII.GetString(output), StringComparison.Ordinal);
        Assert.Contains("Connection: close", Encoding.ASCII.GetString(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Process_HeadRequest_HasTheHeadersButNoBody()
    {
        var (_, output) = Process(Encoding.ASCII.GetBytes("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n"));
        var text = Encoding.ASCII.GetString(output);

        Assert.Contains("Content-Length: 13", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_Http10KeepAlive_SaysSoAndStaysOpen()
    {
        var (step, output) = Process(Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));

        Assert.False(step.CloseAfterWrite);
        Assert.Contains("Connection: keep-alive", Encoding.ASCII.GetString(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Process_ConnectionClose_IgnoresWhatIsPipelinedAfterIt()
    {
        var input = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n");
        var (step, _) = Process(input);

        Assert.Equal((1, true, false), (step.Requests, step.CloseAfterWrite, step.Rejected));
    }

    [Fact]
    public void EchoProtocol_CountsWholeMessagesAcrossCalls()
    {
        var echo = new EchoProtocol(messageBytes: 10);
        long state = 0;
        var output = new byte[ServerProtocol.MinimumOutputSpace];

        var first = echo.Process(new byte[15], output, ref state);
        var second = echo.Process(new byte[25], output, ref state);

        Assert.Equal((15, 15, 1), (first.Consumed, first.Written, first.Requests));
        Assert.Equal((25, 3), (second.Consumed, second.Requests));
        Assert.Equal(0, state);
    }

    private (ProtocolStep Step, byte[] Output) Process(byte[] input)
    {
        long state = 0;
        var output = new byte[64 * 1024];
        var step = _protocol.Process(input, output, ref state);
        return (step, output.AsSpan(0, step.Written).ToArray());
    }

    private static byte[] Repeat(string text, int times) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(text, times)));
}
