using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Diagnostics.Fleet;

/// <summary>
/// Where a lag session's intervals go besides the report, as the options ask: an interval log, a Prometheus
/// endpoint, an OTLP collector. Created before the session (so a taken port or an existing log fails first).
/// </summary>
public sealed class LagOutputs : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private LagOutputs(List<ILagObserver> observers, List<string> lines)
    {
        Observer = new LagObservers(observers);
        Lines = lines;
        _owned.AddRange(observers.OfType<IDisposable>());
    }

    public LagObservers Observer { get; }

    /// <summary>One line per output, to say where the figures go.</summary>
    public IReadOnlyList<string> Lines { get; }

    public static LagOutputs Create(LagOptions options)
    {
        // Checked before any output opens: a bad metrics port is a usage error, not a failed bind.
        LagSettings.Validate(options);
        var observers = new List<ILagObserver>();
        var lines = new List<string>();
        try
        {
            if (options.HlogPath is { } path)
            {
                var log = new LagHistogramLog(path);
                observers.Add(log);
                lines.Add($"interval log: {log.Path}");
            }

            if (options.MetricsPort is { } port)
            {
                var prometheus = new LagPrometheusExporter(options.MetricsBind, port);
                observers.Add(prometheus);
                lines.Add($"Prometheus metrics: {prometheus.Address}");
            }

            if (options.OtlpEndpoint is { } endpoint)
            {
                observers.Add(new LagOtlpExporter(endpoint));
                lines.Add($"OTLP: {endpoint}");
            }
        }
        catch
        {
            foreach (var observer in observers.OfType<IDisposable>())
            {
                observer.Dispose();
            }

            throw;
        }

        return new LagOutputs(observers, lines);
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
