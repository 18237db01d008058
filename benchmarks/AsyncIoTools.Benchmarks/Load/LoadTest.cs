using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>
/// One load test against any server (<c>aiotools load</c>, <c>Invoke-LoadTest</c>): open the connections, warm
/// up, measure once, and describe it as the <c>aiotools.load/1</c> document.
/// </summary>
public static class LoadTest
{
    public static async Task<LoadReport> RunAsync(LoadOptions options, string commandLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = DateTimeOffset.UtcNow;
        using var generator = new LoadGenerator(options);
        var (ramp, sample) = await generator.RunAsync(cancellationToken);
        var measurement = sample.ToMeasurement(generator.Threads);
        return new LoadReport
        {
            StartedAt = started,
            CommandLine = commandLine,
            Target = $"{options.Target}{options.Path}",
            Load = options.ToScenario(generator.Threads),
            Ramp = ramp,
            Measurement = measurement,
            Summary = [options.ToSummaryPoint(measurement)],
            Host = LoadHostIdentity.Capture(),
        };
    }
}
