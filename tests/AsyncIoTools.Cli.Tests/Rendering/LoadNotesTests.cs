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
        var options = new LoadOptions { Target = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 8080), Connections = 10, Active = 2 };
        var measurement = Fixture.Measurement with { IdleClosedByServer = 16, IdleClosedMeanOpenSeconds = 1.1 };
        var report = Fixture with { Measurement = measurement, Summary = [options.ToSummaryPoint(measurement)] };

        var notes = LoadRenderer.Notes(report);

        Assert.StartsWith("warning: the server closed idle connections 16 times in the measurement (8 of the connections never send), each after 1.1 s open on average,", notes[^1], StringComparison.Ordinal);
        Assert.Contains("(aiotools servers: the limit headTimeout, keepAliveTimeout for echo; nginx: client_header_timeout)", notes[^1], StringComparison.Ordinal);
        Assert.EndsWith(notes[^1] + "\n", LoadRenderer.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_NoIdleConnectionClosed_HaveNoWarning()
    {
        var options = new LoadOptions { Target = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 8080), Connections = 10, Active = 2 };
        var report = Fixture with { Summary = [options.ToSummaryPoint(Fixture.Measurement)] };

        Assert.Equal(0, report.Measurement.IdleClosedByServer);
        Assert.DoesNotContain(LoadRenderer.Notes(report), l => l.StartsWith("warning:", StringComparison.Ordinal));
    }

    private static LoadReport Fixture => JsonSerializer.Deserialize(GoldenFiles.Fixture("load.json"), ResultsJsonContext.Default.LoadReport)!;
}
