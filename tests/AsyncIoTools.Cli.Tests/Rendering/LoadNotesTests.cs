using System.Text.Json;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Cli.Rendering;
using AsyncIoTools.Results;

namespace AsyncIoTools.Cli.Tests.Rendering;

public sealed class LoadNotesTests
{
    [Fact]
    public void Notes_IdleConnectionsTheServerClosed_EndWithAWarningThatSaysHowToHoldThem()
    {
        var measurement = Fixture.Measurement with { IdleClosedByServer = 16, IdleClosedMeanOpenSeconds = 1.1 };
        var report = Fixture with { Measurement = measurement, Summary = [Options.ToSummaryPoint(measurement)] };

        var notes = LoadRenderer.Notes(report);

        Assert.StartsWith("warning: the server closed idle connections 16 times in the measurement (8 of the connections never send), each after 1.1s open on average,", notes[^1], StringComparison.Ordinal);
        Assert.EndsWith("A server closes a client that has sent nothing at its timeout for that: to hold them, give it a timeout for clients that have sent nothing longer than the ramp, warm-up and measurement (aiotools servers: the limit headTimeout, keepAliveTimeout for echo; nginx: client_header_timeout)", notes[^1], StringComparison.Ordinal);
        Assert.EndsWith(notes[^1] + "\n", LoadRenderer.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_IdleConnectionsClosedAtOnce_NameTheConnectionLimitNotATimeout()
    {
        var measurement = Fixture.Measurement with { IdleClosedByServer = 5000, IdleClosedMeanOpenSeconds = 0.0004 };

        var warning = LoadRenderer.Notes(Fixture with { Summary = [Options.ToSummaryPoint(measurement)] })[^1];

        Assert.Contains("each after 400µs open on average", warning, StringComparison.Ordinal);
        Assert.EndsWith("Closed at once: the server refuses connections past its limit (aiotools servers: the limit maxConnections; nginx: worker_connections); the load waits 20ms, then up to 1s, before opening one it refused again", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("headTimeout", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_NoIdleConnectionClosed_HaveNoWarning()
    {
        var report = Fixture with { Summary = [Options.ToSummaryPoint(Fixture.Measurement)] };

        Assert.Equal(0, report.Measurement.IdleClosedByServer);
        Assert.DoesNotContain(LoadRenderer.Notes(report), l => l.StartsWith("warning:", StringComparison.Ordinal));
    }

    /// <summary>10 connections, 2 of them active: 8 that never send.</summary>
    private static LoadOptions Options => new() { Target = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 8080), Connections = 10, Active = 2 };

    private static LoadReport Fixture => JsonSerializer.Deserialize(GoldenFiles.Fixture("load.json"), ResultsJsonContext.Default.LoadReport)!;
}
