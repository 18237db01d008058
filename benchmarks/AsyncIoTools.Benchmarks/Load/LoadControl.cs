using System.Text.Json;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>
/// The line protocol between the runner and a load-generator shard (<c>aiotools load --control</c>): the shard
/// starts, prints <c>ready</c> and waits; on <c>connect</c> it opens its connections and prints one <c>ramp</c>
/// line; then for each <c>measure SECONDS</c> it reads on stdin it measures that long and prints one
/// <c>interval</c> line per interval, then one <c>sample</c> line (histograms included, so shards merge exactly).
/// End of input closes its connections and ends it. The runner starts every shard, waits for all to be ready and
/// then tells all to connect at once: a ramp is the connecting, not the processes' start-up (reported apart).
/// </summary>
public static class LoadControl
{
    /// <summary>A shard's first line: started, its generator built, waiting for <see cref="ConnectCommand"/>.</summary>
    public const string ReadyLine = "ready";
    public const string ConnectCommand = "connect";
    public const string RampPrefix = "ramp ";
    public const string SamplePrefix = "sample ";

    /// <summary>Before its sample line, a shard prints one line per interval of the window (for interval logs).</summary>
    public const string IntervalPrefix = "interval ";
    public const string MeasureCommand = "measure";

    public static string FormatRamp(RampResult ramp) => RampPrefix + JsonSerializer.Serialize(ramp, ResultsJsonContext.Compact.RampResult);

    public static string FormatSample(ClientMeasurement sample) => SamplePrefix + JsonSerializer.Serialize(sample, ResultsJsonContext.Compact.ClientMeasurement);

    public static string FormatInterval(IntervalMeasurement interval) => IntervalPrefix + JsonSerializer.Serialize(interval, ResultsJsonContext.Compact.IntervalMeasurement);

    public static IntervalMeasurement ParseInterval(string line) =>
        JsonSerializer.Deserialize(Strip(line, IntervalPrefix), ResultsJsonContext.Compact.IntervalMeasurement) ?? throw new FormatException("empty interval line");

    public static RampResult ParseRamp(string line) =>
        JsonSerializer.Deserialize(Strip(line, RampPrefix), ResultsJsonContext.Compact.RampResult) ?? throw new FormatException("empty ramp line");

    public static ClientMeasurement ParseSample(string line) =>
        JsonSerializer.Deserialize(Strip(line, SamplePrefix), ResultsJsonContext.Compact.ClientMeasurement) ?? throw new FormatException("empty sample line");

    private static string Strip(string line, string prefix) =>
        line.StartsWith(prefix, StringComparison.Ordinal) ? line[prefix.Length..] : throw new FormatException($"expected '{prefix.Trim()}', got: {line}");
}
