using System.Text;
using AsyncIoTools.Engines.Protocols;
using Xunit;

namespace AsyncIoTools.Engines.Tests.Protocols;

/// <summary>The driver the per-connection engines share: what it keeps, answers and asks for.</summary>
public sealed class ProtocolSessionTests
{
    [Fact]
    public void Step_WholeRequestAndHalfOfTheNext_AnswersOneAndKeepsTheHalf()
    {
        using var session = new ProtocolSession(new HttpPlaintextProtocol());
        Receive(session, "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /mis");

        var first = session.Step();
        Assert.Equal(1, first.Requests);
        Assert.StartsWith("HTTP/1.1 200", Encoding.ASCII.GetString(session.Output(first).Span), StringComparison.Ordinal);
        Assert.False(first.NeedsInput); // Input is left: the engine sends, then steps again.

        var undecided = session.Step();
        Assert.Equal(0, undecided.Written);
        Assert.True(undecided.NeedsInput);

        Receive(session, "sing HTTP/1.1\r\nHost: a\r\n\r\n");
        var second = session.Step();
        Assert.Equal(1, second.Requests);
        Assert.StartsWith("HTTP/1.1 404", Encoding.ASCII.GetString(session.Output(second).Span), StringComparison.Ordinal);
        Assert.True(second.NeedsInput);
    }

    [Fact]
    public void Step_MalformedHead_AsksToLingerAndClose()
    {
        using var session = new ProtocolSession(new HttpPlaintextProtocol());
        Receive(session, "GARBAGE\r\n\r\n");

        var step = session.Step();

        Assert.True(step.Close);
        Assert.True(step.Linger);
        Assert.StartsWith("HTTP/1.1 400", Encoding.ASCII.GetString(session.Output(step).Span), StringComparison.Ordinal);
    }

    [Fact]
    public void FreeInput_ForTheLargestUndecidedHead_LeavesRoomToDecide()
    {
        var protocol = new HttpPlaintextProtocol(8192);
        using var session = new ProtocolSession(protocol);

        Assert.True(session.FreeInput.Length > protocol.MaxPendingInput);
    }

    private static void Receive(ProtocolSession session, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        bytes.CopyTo(session.FreeInput.Span);
        session.Received(bytes.Length);
    }
}
