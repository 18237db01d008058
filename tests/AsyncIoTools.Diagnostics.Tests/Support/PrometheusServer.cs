using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace AsyncIoTools.Diagnostics.Tests.Support;

/// <summary>
/// A real Prometheus (Debian's prometheus package, installed by .ci/run) on a loopback port, with a scrape config
/// of our own and its data in a temporary folder; stopped and removed on dispose.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private PrometheusServer(Process process, string folder, int port, string config)
    {
        _process = process;
        _folder = folder;
        Port = port;
        Config = config;
    }

    public int Port { get; }

    /// <summary>The scrape configuration it runs with (printed by the tests, for the record).</summary>
    public string Config { get; }

    public static PrometheusServer Start(IReadOnlyList<string> targets, string job)
    {
        var binary = new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("prometheus is not installed (apt-get install prometheus; .ci/run installs it)");
        var folder = Directory.CreateTempSubdirectory("aiotools-prometheus-").FullName;
        var config = $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 900ms
              evaluation_interval: 1s
            scrape_configs:
              - job_name: {job}
                metrics_path: /metrics
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
            """;
        File.WriteAllText(Path.Combine(folder, "prometheus.yml"), config);
        var port = LoopbackPorts.Free();
        var info = TestProcesses.StartInfo(binary, [$"--config.file={Path.Combine(folder, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(folder, "data")}", $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"]);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, folder, port, config);
        server.WaitReady();
        return server;
    }

    /// <summary>An instant query through the HTTP API: each result's labels and value.</summary>
    public IReadOnlyList<(JsonElement Metric, double Value)> Query(string promql, DateTimeOffset? at = null)
    {
        var url = $"http://127.0.0.1:{Port}/api/v1/query?query={Uri.EscapeDataString(promql)}"
            + (at is { } time ? "&time=" + (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture) : string.Empty);
        using var document = JsonDocument.Parse(_http.GetStringAsync(new Uri(url)).GetAwaiter().GetResult());
        var data = document.RootElement.GetProperty("data").GetProperty("result");
        return data.EnumerateArray()
            .Select(r => (r.GetProperty("metric").Clone(), double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))
            .ToList();
    }

    public double? Value(string promql, DateTimeOffset? at = null) => Query(promql, at) is [var only] ? only.Value : null;

    public void Dispose()
    {
        _http.Dispose();
        TestProcesses.Stop(_process);
        Directory.Delete(_folder, recursive: true);
    }

    private void WaitReady()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited at start (code {_process.ExitCode})");
            }

            try
            {
                if (_http.GetAsync(new Uri($"http://127.0.0.1:{Port}/-/ready")).GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Thread.Sleep(200);
        }

        throw new TimeoutException("prometheus did not become ready in 30 s");
    }
}
