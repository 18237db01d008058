using System.Text;
using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.Tests.Connections;

/// <summary>The connection state machine every engine feeds: what it answers, holds, says next, and when it times out.</summary>
public sealed class ConnectionMachineTests
{
    private const string Get = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";

    [Fact]
    public void Feed_WholeRequestAndHalfOfTheNext_AnswersOneAndHoldsTheHalf()
    {
        using var harness = new MachineHarness();

        Assert.Equal(ConnectionNext.Read, harness.Feed(Get + "GET /mis"));
        Assert.Equal(1, Occurrences.Count(harness.SentText, "HTTP/1.1 200 OK"));
        Assert.True(harness.Machine.HasHeldInput);

        harness.Feed("sing HTTP/1.1\r\nHost: a\r\n\r\n");
        Assert.Equal(1, Occurrences.Count(harness.SentText, "HTTP/1.1 404"));
        Assert.False(harness.Machine.HasHeldInput);
        Assert.Equal(2, harness.Counters.Requests);
        Assert.Equal(Get.Length + 8 + 26, harness.Counters.BytesIn);
    }

    [Fact]
    public void Feed_MoreAnswersThanTheOutputHolds_SaysAnswerUntilAllAreSent()
    {
        // The smallest output the machine answers into: each resume answers what fits, in order.
        using var harness = new MachineHarness(outputBytes: ServerProtocol.MinimumOutputSpace + 200);
        var requests = string.Concat(Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? Get : "GET /x HTTP/1.1\r\nHost: a\r\n\r\n"));

        harness.Feed(requests);

        var statuses = harness.SentText.Split("HTTP/1.1 ", StringSplitOptions.RemoveEmptyEntries).Select(r => r[..3]).ToArray();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? "200" : "404"), statuses);
        Assert.Equal(ConnectionNext.Read, harness.Next);
    }

    [Fact]
    public void Feed_MalformedHead_AnswersThenLingersDroppingInputUpToTheLimit()
    {
        using var harness = new MachineHarness();

        Assert.Equal(ConnectionNext.Linger, harness.Feed("GARBAGE\r\n\r\n" + Get));
        Assert.StartsWith("HTTP/1.1 400", harness.SentText, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences.Count(harness.SentText, "HTTP/1.1"));
        Assert.True(harness.Machine.Lingering);

        var junk = new byte[64 * 1024];
        var next = ConnectionNext.Read;
        var fed = 0L;
        while (next == ConnectionNext.Read)
        {
            next = harness.Feed(junk);
            fed += junk.Length;
        }

        Assert.Equal(ConnectionNext.Close, next);
        Assert.True(fed > ConnectionMachine.LingerLimitBytes);
        Assert.Equal(1, Occurrences.Count(harness.SentText, "HTTP/1.1"));
    }

    [Fact]
    public void Feed_ConnectionClose_AnswersAndCloses()
    {
        using var harness = new MachineHarness();

        Assert.Equal(ConnectionNext.Close, harness.Feed("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n" + Get));

        Assert.Equal(1, Occurrences.Count(harness.SentText, "HTTP/1.1 200"));
        Assert.Contains("Connection: close", harness.SentText, StringComparison.Ordinal);
    }

    [Fact]
    public void Feed_HeadOverTheLimit_Answers431AndCountsIt()
    {
        using var harness = new MachineHarness(ServerLimits.Default with { MaxHeadBytes = 256 });

        harness.Feed("GET / HTTP/1.1\r\nHost: a\r\nX-Long: " + new string('a', 300) + "\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 431", harness.SentText, StringComparison.Ordinal);
        Assert.Equal(1, harness.Counters.Limits[(int)LimitReason.HeadTooLarge]);
    }

    [Fact]
    public void Feed_BodyOverTheLimit_Answers413AndCountsIt_ABodyWithinItIsSkipped()
    {
        using var harness = new MachineHarness(ServerLimits.Default with { MaxBodyBytes = 10 });

        harness.Feed("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789" + Get);
        Assert.StartsWith("HTTP/1.1 405", harness.SentText, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences.Count(harness.SentText, "HTTP/1.1 200"));

        Assert.Equal(ConnectionNext.Linger, harness.Feed("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n"));
        Assert.Contains("HTTP/1.1 413 Content Too Large", harness.SentText, StringComparison.Ordinal);
        Assert.Equal(1, harness.Counters.Limits[(int)LimitReason.BodyTooLarge]);
    }

    [Fact]
    public void Deadline_HeadTricklingIn_KeepsItsStart_AndExpiresAsAHeadTimeout()
    {
        using var harness = new MachineHarness(now: 1_000);
        Assert.Equal(1_000 + 30_000, harness.Machine.Deadline);

        // A slowloris client: part of a head, then a byte every ten seconds. Each byte moves nothing.
        harness.Feed("GET / HTTP/1.1\r\nHost: a\r\n");
        foreach (var t in new[] { 11_000, 21_000, 30_000 })
        {
            harness.Now = t;
            harness.Feed("X");
            Assert.Equal(31_000, harness.Machine.Deadline);
        }

        Assert.Equal(LimitReason.HeadTimeout, harness.Machine.Expire(31_000));
    }

    [Fact]
    public void Deadline_AfterAnAnswer_IsTheKeepAliveTimeout_ThenANewHeadHasItsOwnClock()
    {
        var limits = ServerLimits.Default with { HeadTimeout = TimeSpan.FromSeconds(10), KeepAliveTimeout = TimeSpan.FromSeconds(100) };
        using var harness = new MachineHarness(limits);

        harness.Now = 5_000;
        harness.Feed(Get);
        Assert.Equal(105_000, harness.Machine.Deadline);
        Assert.Equal(LimitReason.KeepAliveTimeout, harness.Machine.Expire(105_000));

        harness.Now = 50_000;
        harness.Feed("GET / HT");
        Assert.Equal(60_000, harness.Machine.Deadline);
    }

    [Fact]
    public void Deadline_SlowBody_ExpiresBelowTheMinimumRate_AFastOneMovesOn()
    {
        var limits = ServerLimits.Default with { MinReceiveRate = 1000, MinReceiveRateGrace = TimeSpan.FromSeconds(2) };
        using var harness = new MachineHarness(limits);
        harness.Feed("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n");
        Assert.Equal(2_000, harness.Machine.Deadline);

        // 3,000 bytes by 2 s: 1,500 bytes/s, above the rate; the deadline moves to when 3,000 bytes would fall behind.
        harness.Now = 1_000;
        harness.Feed(new byte[3_000]);
        Assert.Null(harness.Machine.Expire(2_000));
        Assert.Equal(3_000, harness.Machine.Deadline);

        Assert.Equal(LimitReason.MinReceiveRate, harness.Machine.Expire(4_000));
    }

    [Fact]
    public void Deadline_NoMinimumRate_ABodyHasTheKeepAliveTimeoutBetweenReads()
    {
        using var harness = new MachineHarness(ServerLimits.Default with { MinReceiveRate = 0 });

        harness.Feed("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nab");
        harness.Now = 7_000;
        harness.Feed("cd");

        Assert.Equal(7_000 + 130_000, harness.Machine.Deadline);
        Assert.Equal(LimitReason.KeepAliveTimeout, harness.Machine.Expire(137_000));
    }

    [Fact]
    public void Deadline_Echo_HasNoHeadToWaitFor_OnlyIdleTime()
    {
        using var harness = new MachineHarness(protocol: ProtocolSettings.Echo(4));
        Assert.Equal(130_000, harness.Machine.Deadline);

        harness.Feed("ab");

        Assert.Equal("ab", harness.SentText);
        Assert.Equal(LimitReason.KeepAliveTimeout, harness.Machine.Expire(130_000));
    }

    [Fact]
    public void Deadline_Lingering_ExpiresAsALingerTimeout()
    {
        using var harness = new MachineHarness();

        harness.Feed("GARBAGE\r\n\r\n");

        Assert.Equal(ConnectionMachine.LingerMilliseconds, harness.Machine.Deadline);
        Assert.Equal(LimitReason.LingerTimeout, harness.Machine.Expire(ConnectionMachine.LingerMilliseconds));
    }

    [Fact]
    public void Progress_OfAStalledResponse_MovesTheDeadlineOn()
    {
        using var harness = new MachineHarness();
        harness.Feed(Get);

        harness.Machine.Progress(100_000);

        Assert.Equal(230_000, harness.Machine.Deadline);
    }

    [Fact]
    public void Close_AfterAnExpiry_CountsItsReasonOnce()
    {
        using var harness = new MachineHarness();
        harness.Machine.PendingExpiry = LimitReason.HeadTimeout;

        harness.Machine.Close();
        harness.Machine.Close();

        Assert.Equal(1, harness.Counters.Limits[(int)LimitReason.HeadTimeout]);
    }
}
