using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace AsyncIoTools.Diagnostics.Tests.Fleet;

/// <summary>The optional OTLP push: a stand-in collector on loopback receives our metrics over HTTP/protobuf.</summary>
[Collection(LiveTargets.Name)]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Lag_PushesItsMetricsToAnOtlpCollector()
    {
        using var target = TargetApp.StartLagTarget("steady-lag");
        var port = LoopbackPorts.Free();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var bodies = new ConcurrentQueue<(string Path, string ContentType, byte[] Body)>();
        var receiving = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await collector.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                bodies.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType ?? string.Empty, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var result = await Task.Run(() => Aiotools.Run("lag", "-p", target.ProcessIdArgument, "-d", "6s", "--json", "--otlp-endpoint", $"http://127.0.0.1:{port}/"));
        collector.Stop();
        await receiving.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotEmpty(bodies);
        Assert.All(bodies, b => Assert.Equal("/v1/metrics", b.Path));
        Assert.All(bodies, b => Assert.Equal("application/x-protobuf", b.ContentType));
        // Protobuf keeps strings as they are: the metric names and the process id's attribute are there.
        var all = string.Concat(bodies.Select(b => Encoding.UTF8.GetString(b.Body)));
        Assert.Contains("aiotools.threadpool.wait", all, StringComparison.Ordinal);
        Assert.Contains("aiotools.lag.target_up", all, StringComparison.Ordinal);
        Assert.Contains("aiotools.lag.followed_ratio", all, StringComparison.Ordinal);
        Assert.Contains("process.pid", all, StringComparison.Ordinal);
    }
}
