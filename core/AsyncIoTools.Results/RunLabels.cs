using System.Globalization;

namespace AsyncIoTools.Results;

/// <summary>
/// How a run is named wherever a person or a log reads it: engine:variant, then the case and the sweep's value
/// where there are any (<c>epoll:level [pipelined] bufsize=4096</c>). One rule, so the runner's notes, the console
/// table, the module's warnings and the histogram log's tags name a run alike, and a label matches its run.
/// </summary>
public static class RunLabels
{
    public static string Of(EngineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Of(run.Engine, run.Variant, run.Case, run.SweepParameter, run.SweepValue);
    }

    public static string Of(string engine, string? variant, string caseName, string? sweepParameter, double? sweepValue) =>
        Compose(engine, variant, caseName, sweepParameter, sweepValue, (" [", "]"), (" ", string.Empty));

    /// <summary>The run as an HdrHistogram log tag, which must not hold a space or a comma: <c>epoll:level[pipelined][bufsize=4096]</c>.</summary>
    public static string Tag(EngineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Compose(run.Engine, run.Variant, run.Case, run.SweepParameter, run.SweepValue, ("[", "]"), ("[", "]"));
    }

    /// <summary>The engine and variant alone: <c>epoll:level</c>.</summary>
    public static string Engine(string engine, string? variant) => variant is null ? engine : $"{engine}:{variant}";

    /// <summary>The one rule, each part (the case, the sweep's value) between the marks of the form it is written in.</summary>
    private static string Compose(string engine, string? variant, string caseName, string? sweepParameter, double? sweepValue, (string Open, string Close) caseMarks, (string Open, string Close) sweepMarks) =>
        Engine(engine, variant)
        + (caseName == ScenarioCase.Default.Name ? string.Empty : $"{caseMarks.Open}{caseName}{caseMarks.Close}")
        + (sweepParameter is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{sweepMarks.Open}{sweepParameter}={sweepValue}{sweepMarks.Close}"));
}
