using AsyncIoTools.Reports.Inputs;
using AsyncIoTools.Results;

namespace AsyncIoTools.Reports.Model;

/// <summary>One engine (and variant) in one case at one scenario point: its run, where it came from, and its figures by metric key.</summary>
public sealed record EngineRow(EngineRun Run, ReportSource Source, IReadOnlyDictionary<string, Figure> Figures)
{
    public string Engine => Run.Engine;

    public string? Variant => Run.Variant;

    /// <summary>"epoll:level", or the engine alone when it has no variant.</summary>
    public string Name => Variant is null ? Engine : $"{Engine}:{Variant}";

    /// <summary>The scenario case the run used; "default" for scenarios without cases and for results older than cases.</summary>
    public string Case => Run.Case;

    public bool HasCase => Case != ScenarioCase.Default.Name;

    /// <summary>The row's name wherever it stands alone (charts, trials, warnings): "epoll:level [sendfile]".</summary>
    public string Label => HasCase ? $"{Name} [{Case}]" : Name;

    public bool Completed => Run.Status == RunStatus.Completed;

    public Figure? Figure(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Figures.GetValueOrDefault(metric.Key);
    }

    /// <summary>
    /// True when this row and <paramref name="other"/> were measured in the same interleaved rounds (one result file
    /// written with <c>--interleave</c>): their figures are divided trial by trial (<see cref="FigureRatio"/>).
    /// </summary>
    public bool SharesRoundsWith(EngineRow other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Source.Result.Interleaved && ReferenceEquals(Source.Result, other.Source.Result);
    }

    /// <summary>The ratio of this row's figure of <paramref name="metric"/> to <paramref name="other"/>'s, trial by trial when they share rounds; null when either lacks it or the divisor is zero.</summary>
    public FigureRatio? RatioTo(EngineRow other, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Figure(metric) is { } top && other.Figure(metric) is { } bottom ? FigureRatio.Of(top, bottom, SharesRoundsWith(other)) : null;
    }

    /// <summary>True when <paramref name="selector"/> names this row: "epoll" matches every epoll variant, "epoll:edge" one.</summary>
    public bool Matches(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return string.Equals(selector, Name, StringComparison.OrdinalIgnoreCase) || string.Equals(selector, Engine, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The largest response size (bytes the server wrote per request) over the trials; 0 when unknown.</summary>
    public double BytesPerRequest =>
        Run.Trials.Where(t => t.Counters.Requests > 0).Select(t => (double)t.Counters.BytesOut / t.Counters.Requests).DefaultIfEmpty(0).Max();

    public static EngineRow From(EngineRun run, ReportSource source)
    {
        ArgumentNullException.ThrowIfNull(run);
        var figures = new Dictionary<string, Figure>(StringComparer.Ordinal);
        foreach (var metric in ReportMetrics.All)
        {
            if (metric.Measure(run) is { } figure)
            {
                figures[metric.Key] = figure;
            }
        }

        return new EngineRow(run, source, figures);
    }
}
