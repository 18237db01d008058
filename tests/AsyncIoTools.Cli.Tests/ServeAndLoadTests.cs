using System.Net;
using System.Text.Json;

namespace AsyncIoTools.Cli.Tests;

public sealed class ServeAndLoadTests
{
    [Fact]
    public async Task Serve_AnnouncesItsAddressAndStopsCleanlyOnSigterm()
    {
        using var server = Aiotools.Start("serve", "--port", "0", "--loops", "1");
        var line = await server.StandardOutput.ReadLineAsync();
        Assert.StartsWith("listening on 127.0.0.1:", line, StringComparison.Ordinal);
        var endPoint = IPEndPoint.Parse(line!["listening on ".Length..]);

        using (var client = new HttpClient())
        {
            Assert.Equal("Hello, World!", await client.GetStringAsync(new Uri($"http://{endPoint}/")));
        }

        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await server.WaitForExitAsync(timeout.Token);

        Assert.Equal(0, server.ExitCode);
        Assert.Contains("stopped: 1 requests", await server.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_Json_PrintsTheSummaryContract()
    {
        using var server = Aiotools.Start("serve", "--port", "0", "--loops", "1");
        var line = await server.StandardOutput.ReadLineAsync();
        var target = line!["listening on ".Length..];
        try
        {
            var run = await Aiotools.RunAsync("load", "--target", target, "--connections", "10", "--duration", "500ms", "--warmup", "100ms", "--json");

            Assert.Equal(0, run.ExitCode);
            using var document = JsonDocument.Parse(run.Output);
            var point = document.RootElement.GetProperty("summary")[0];
            Assert.True(point.GetProperty("requestsPerSecond").GetDouble() > 0);
            Assert.Equal(10, point.GetProperty("connections").GetInt32());
            Assert.Equal(0, point.GetProperty("errors").GetInt64());
            Assert.True(point.GetProperty("p99Micros").GetDouble() >= point.GetProperty("p50Micros").GetDouble());
        }
        finally
        {
            TestProcesses.Stop(server);
        }
    }
}
