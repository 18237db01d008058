using System.Diagnostics;
using System.Globalization;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Measurement;
using Xunit.Abstractions;

namespace AsyncIoTools.Reports.Tests.MultiHost;

/// <summary>
/// Load from two hosts (each in its own network namespace, joined to the server's by a veth pair) against one
/// server, merged by the report, against one host doing the same total load: the same totals, exactly merged.
/// </summary>
public sealed class MultiHostMergeTests(ITestOutputHelper output)
{
    private const int RatePerHost = 1000;

    [NamespacesFact]
    public void TwoNamespacedHosts_MergeExactly_AndMatchOneHostDoingTheSameTotalLoad()
    {
        using var network = new NamespacedHosts(hosts: 3);
        var folder = Directory.CreateTempSubdirectory("aiotools-multihost-").FullName;
        using var server = new ServerInNamespace(StartServer(network.Server));

        // Two hosts at the same time, each half the load…
        var runs = network.Hosts.Take(2).Select(h => Task.Run(() => Load(h.Namespace, h.ServerAddress, 20, RatePerHost, Path.Combine(folder, $"{h.Namespace}.json")))).ToArray();
        Task.WaitAll(runs);
        // …then one host with all of it.
        var single = network.Hosts[2];
        Load(single.Namespace, single.ServerAddress, 40, 2 * RatePerHost, Path.Combine(folder, "single.json"));

        var hostFiles = runs.Select(r => r.Result).ToArray();
        var report = PerformanceReports.Create(new ReportOptions { Paths = hostFiles, Title = "multi-host" });
        var merged = Assert.Single(report.Model.LoadRuns);
        Assert.Equal(2, merged.Hosts.Count);
        var parts = hostFiles.Select(ResultFiles.ReadLoad).ToArray();
        var alone = ResultFiles.ReadLoad(Path.Combine(folder, "single.json"));

        // Exact: the merged histogram is the hosts' added bucket by bucket.
        var expected = new LatencyHistogram();
        foreach (var part in parts)
        {
            expected.Add(part.Measurement.CorrectedLatency!.ToHistogram());
        }

        var mergedLatency = merged.Latency();
        Assert.Equal(expected.NonEmptyBuckets(), mergedLatency.NonEmptyBuckets());
        Assert.Equal(parts.Sum(p => p.Measurement.Requests), merged.Requests);
        Assert.Equal(mergedLatency.TotalCount, merged.Requests);
        foreach (var (part, host) in parts.Zip(network.Hosts))
        {
            Assert.Contains(host.Address, part.Host!.Addresses);
            Assert.Contains(host.Address, report.Markdown, StringComparison.Ordinal);
        }

        Assert.Contains("all 2 hosts (merged)", report.Markdown, StringComparison.Ordinal);

        // The same total load from one host: the same totals (a constant rate; within 5%), and latency alike.
        var singleLatency = alone.Measurement.CorrectedLatency!.ToHistogram();
        output.WriteLine(report.Markdown[report.Markdown.IndexOf("## Load runs", StringComparison.Ordinal)..]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged (2 hosts): {merged.Requests} requests, {merged.RequestsPerSecond:0} req/s, p50 {mergedLatency.ValueAtPercentile(50) / 1e3:0.0} µs, p99 {mergedLatency.ValueAtPercentile(99) / 1e3:0.0} µs, errors {merged.Errors}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"single host:       {alone.Measurement.Requests} requests, {alone.Measurement.RequestsPerSecond:0} req/s, p50 {singleLatency.ValueAtPercentile(50) / 1e3:0.0} µs, p99 {singleLatency.ValueAtPercentile(99) / 1e3:0.0} µs, errors {alone.Measurement.Errors.Total}"));
        Assert.Equal(0, merged.Errors);
        Assert.Equal(0, alone.Measurement.Errors.Total);
        Assert.InRange(merged.RequestsPerSecond, alone.Measurement.RequestsPerSecond * 0.95, alone.Measurement.RequestsPerSecond * 1.05);
        Assert.InRange(merged.RequestsPerSecond, 2 * RatePerHost * 0.9, 2 * RatePerHost * 1.05);
    }

    /// <summary>Ends the server (and the ip netns exec around it) when the test ends.</summary>
    private sealed class ServerInNamespace(Process process) : IDisposable
    {
        public void Dispose() => TestProcesses.Stop(process);
    }

    private static Process StartServer(string ns)
    {
        var process = Process.Start(TestProcesses.StartInfo("ip", ["netns", "exec", ns, Aiotools(), "serve", "--bind", "0.0.0.0", "--port", "8080", "--loops", "1"]))!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.Contains("listening", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return process;
            }

            if (DateTime.UtcNow > deadline)
            {
                break;
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"the server did not start in {ns}: {process.StandardError.ReadToEnd()}");
    }

    private static string Load(string ns, string server, int connections, int rate, string path)
    {
        var (code, error) = NamespacedHosts.Exec("sh", "-c", string.Create(CultureInfo.InvariantCulture, $"ip netns exec {ns} '{Aiotools()}' load -t {server}:8080 -c {connections} --rate {rate} -d 4s --warmup 1s --threads 1 --json > '{path}'"));
        Assert.True(code == 0, $"load from {ns} failed ({code}): {error}");
        return path;
    }

    private static string Aiotools()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "cli", "AsyncIoTools.Cli", "bin", configuration, "net10.0", "aiotools");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("build the solution first: aiotools is missing");
    }
}
