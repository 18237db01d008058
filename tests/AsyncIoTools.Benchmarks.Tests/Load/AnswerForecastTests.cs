using System.Net;
using AsyncIoTools.Benchmarks.Load;

namespace AsyncIoTools.Benchmarks.Tests.Load;

public sealed class AnswerForecastTests
{
    private static LoadConnection[] Connections(int count) =>
        Enumerable.Range(0, count).Select(i => new LoadConnection(i, true, IPAddress.Loopback) { SendTicks = new long[1], IntendedTicks = new long[1] }).ToArray();

    private static void Send(AnswerForecast forecast, LoadConnection connection, long at)
    {
        connection.SendTicks[connection.RingHead] = at;
        connection.Outstanding = 1;
        forecast.Sent(connection, at);
    }

    private static void Answer(AnswerForecast forecast, LoadConnection connection, long at)
    {
        forecast.Answered(at - connection.SendTicks[connection.RingHead]);
        connection.Outstanding = 0;
    }

    [Fact]
    public void NextAnswer_IsUnknown_UntilAnAnswerHasComeAndWhileNothingIsInFlight()
    {
        var connections = Connections(2);
        var forecast = new AnswerForecast(connections);
        Assert.Null(forecast.NextAnswerTicks());

        Send(forecast, connections[0], 100);
        Assert.Null(forecast.NextAnswerTicks());

        Answer(forecast, connections[0], 1_100);
        Assert.Equal(1_000, forecast.TypicalTicks);
        Assert.Null(forecast.NextAnswerTicks());
    }

    [Fact]
    public void NextAnswer_IsTheOldestSendStillUnansweredPlusTheTypicalLatency()
    {
        var connections = Connections(3);
        var forecast = new AnswerForecast(connections);
        Send(forecast, connections[0], 0);
        Answer(forecast, connections[0], 1_000);

        Send(forecast, connections[1], 2_000);
        Send(forecast, connections[2], 2_500);
        Send(forecast, connections[0], 3_000);
        Assert.Equal(3_000, forecast.NextAnswerTicks());

        // Answered out of order: connection 1's entry goes stale, connection 2's is next.
        Answer(forecast, connections[1], 3_000);
        Assert.Equal(2_500 + forecast.TypicalTicks, forecast.NextAnswerTicks());

        // Connection 2 answered and sent again: its old entry is stale, connection 0's send at 3,000 is the oldest.
        Answer(forecast, connections[2], 3_500);
        Send(forecast, connections[2], 3_600);
        Assert.Equal(3_000 + forecast.TypicalTicks, forecast.NextAnswerTicks());
    }

    [Fact]
    public void TypicalLatency_MovesASixteenthOfTheWayToEachAnswer()
    {
        var connections = Connections(1);
        var forecast = new AnswerForecast(connections);
        Send(forecast, connections[0], 0);
        Answer(forecast, connections[0], 1_600);
        Send(forecast, connections[0], 2_000);
        Answer(forecast, connections[0], 2_000 + 3_200);

        Assert.Equal(1_700, forecast.TypicalTicks);
    }

    [Fact]
    public void AFullRing_ForgetsItsOldestEntry()
    {
        var connections = Connections(2);
        var forecast = new AnswerForecast(connections);
        Send(forecast, connections[0], 0);
        Answer(forecast, connections[0], 100);

        // Connection 1 stays in flight from 200 while connection 0 cycles past the ring's three entries.
        Send(forecast, connections[1], 200);
        for (var at = 300; at < 1_000; at += 100)
        {
            Send(forecast, connections[0], at);
            Answer(forecast, connections[0], at + 100);
        }

        Send(forecast, connections[0], 2_000);
        Assert.Equal(2_000 + forecast.TypicalTicks, forecast.NextAnswerTicks());
    }
}
