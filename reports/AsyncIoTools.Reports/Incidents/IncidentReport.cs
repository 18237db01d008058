using System.Globalization;
using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Incidents;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Processes;
using AsyncIoTools.Reports.Charts;
using AsyncIoTools.Reports.Exporters;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Sections;

namespace AsyncIoTools.Reports.Incidents;

/// <summary>
/// An incident as markdown, through the report generator's blocks (tables, charts, details): the headline first
/// (verdict, the blocking method, where calls pile up), then the lag timeline with the trigger marked, the blocking
/// methods ranked by blocked time with their stacks, the pending async calls by method, the target and machine, the
/// commands that reproduce it, and the files beside it.
/// </summary>
public static class IncidentReport
{
    public static string Render(Incident incident, HostEnvironment environment, MarkdownDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(dialect);
        var document = new MarkdownDocument(dialect, new ArtifactNames(null));
        var target = incident.Target;
        document.Heading(1, incident.Headline);
        document.Paragraph(string.Create(CultureInfo.InvariantCulture, $"Process {target.ProcessId} ({MarkdownText.Inline(target.Name)}, .NET {MarkdownText.Inline(target.Runtime.RuntimeVersionText)}) on {MarkdownText.Inline(environment.Hostname)}; triggered {incident.TriggeredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC by the rule {MarkdownText.Inline(incident.Rule)}."));
        if (incident.CaptureEnd != CaptureEnd.Completed)
        {
            document.Warning(incident.CaptureEnd == CaptureEnd.TargetExited
                ? "The target exited during the capture: what follows covers what was captured until then."
                : "The watch was stopped during the capture: what follows covers what was captured until then.");
        }

        Timeline(document, incident);
        BlockingMethods(document, incident);
        PendingCalls(document, incident);
        Target(document, incident, environment);
        Reproduce(document, incident);
        return document.ToString();
    }

    private static void Timeline(MarkdownDocument document, Incident incident)
    {
        document.Heading(2, "Lag timeline");
        var table = new MarkdownTable(
            ["interval", "items", "p50", "p99", "max", "oldest waiting", "queue", "threads", "verdict", ""],
            [ColumnAlignment.Left, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Left, ColumnAlignment.Left]);
        for (var i = 0; i < incident.Timeline.Count; i++)
        {
            var f = incident.Timeline[i].Figures;
            table.Add([
                string.Create(CultureInfo.InvariantCulture, $"{f.StartSeconds:0.#}–{f.EndSeconds:0.#} s"),
                Numbers.Count(f.Items),
                LagVerdictRule.Duration(f.P50Micros),
                LagVerdictRule.Duration(f.P99Micros),
                LagVerdictRule.Duration(f.MaxMicros),
                LagVerdictRule.Duration(Math.Max(f.OldestPendingMicros, f.NothingServedMicros)),
                f.QueueLength is { } q ? Numbers.Count(q) : string.Empty,
                f.ThreadCount is { } t ? Numbers.Count(t) : string.Empty,
                f.Verdict.ToString().ToLowerInvariant(),
                i == incident.TriggerIndex ? "**◀ trigger**" : string.Empty,
            ]);
        }

        document.Table(table);
        if (incident.Timeline.Count >= 2 && document.Dialect.Mermaid)
        {
            var points = incident.Timeline.Select(i => (i.Figures.EndSeconds, (double)i.Figures.P99Micros)).ToList();
            var unit = DisplayUnit.For(QuantityKind.Time, points.Select(p => p.Item2));
            var chart = new LineChart("p99 wait per interval (trigger: " + incident.Timeline[incident.TriggerIndex].Figures.EndSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s)", "end of interval (s)", unit.Header("p99 wait"), unit, [.. points.Select(p => p.EndSeconds)], [new ChartSeries("p99", points)])
            {
                XLabels = [.. points.Select(p => p.EndSeconds.ToString("0.#", CultureInfo.InvariantCulture))],
            };
            document.Raw(MermaidXyChart.Render(chart).Block);
        }
    }

    private static void BlockingMethods(MarkdownDocument document, Incident incident)
    {
        document.Heading(2, "Blocking methods, by blocked time");
        var sites = incident.Blocking?.Sites.OrderByDescending(s => s.BlockedMilliseconds).ToList() ?? [];
        if (sites.Count == 0)
        {
            document.Paragraph(incident.Blocking is null ? "No blocking profile was captured." : "Nothing blocked a pool thread during the capture.");
            return;
        }

        var total = sites.Sum(s => s.BlockedMilliseconds);
        var table = new MarkdownTable(
            ["kind", "method", "via", "waits", "samples", "blocked", "share"],
            [ColumnAlignment.Left, ColumnAlignment.Left, ColumnAlignment.Left, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right]);
        foreach (var site in sites)
        {
            table.Add([BlockingKinds.Label(site.Kind), MarkdownText.Code(site.Method, inTable: true), MarkdownText.Code(site.Via, inTable: true), Numbers.Count(site.Waits), Numbers.Count(site.Samples), LagVerdictRule.Duration((long)(site.BlockedMilliseconds * 1000)), total > 0 ? Numbers.Percent(site.BlockedMilliseconds / total) : string.Empty]);
        }

        document.Paragraph(string.Create(CultureInfo.InvariantCulture, $"Captured over {incident.Blocking!.Seconds:0.#} s while the problem was live: {incident.Blocking.WaitEvents:#,0} wait events, {incident.Blocking.ProfilerSamples:#,0} profiler samples, {incident.Blocking.PoolThreads} pool threads."));
        document.Table(table);
        foreach (var site in sites.Where(s => s.ExampleStack.Count > 0).Take(5))
        {
            document.BeginDetails($"Stack: {site.Method}");
            document.Raw("```\n" + string.Join('\n', site.ExampleStack) + "\n```\n");
            document.EndDetails();
        }
    }

    private static void PendingCalls(MarkdownDocument document, Incident incident)
    {
        document.Heading(2, "Pending async calls, by method");
        if (incident.Hotspots is not { } hotspots)
        {
            document.Paragraph("No heap snapshot: " + MarkdownText.Inline(incident.HotspotsUnavailable ?? "none was taken") + ".");
            return;
        }

        document.Paragraph(string.Create(CultureInfo.InvariantCulture, $"{hotspots.PendingTotal:#,0} pending calls in one heap snapshot (the target paused {hotspots.PauseMilliseconds:0} ms)."));
        var table = new MarkdownTable(["method", "pending", "at", "awaiting"], [ColumnAlignment.Left, ColumnAlignment.Right, ColumnAlignment.Left, ColumnAlignment.Left]);
        foreach (var method in hotspots.Methods)
        {
            table.Add([
                MarkdownText.Code(DiagnosisHeadline.MethodName(method), inTable: true),
                Numbers.Count(method.Pending),
                MarkdownText.Inline(string.Join(", ", method.States.OrderByDescending(s => s.Value).Take(3).Select(s => $"{s.Key} ×{s.Value}"))),
                MarkdownText.Inline(string.Join(", ", method.Awaiting.OrderByDescending(s => s.Value).Take(3).Select(s => $"{s.Key} ×{s.Value}"))),
            ]);
        }

        document.Table(table);
    }

    private static void Target(MarkdownDocument document, Incident incident, HostEnvironment environment)
    {
        document.Heading(2, "Target and environment");
        var target = incident.Target;
        document.List([
            string.Create(CultureInfo.InvariantCulture, $"process {target.ProcessId}: {MarkdownText.Code(CommandLineOf(target.ProcessId) ?? target.Name)}"),
            $"runtime: .NET {MarkdownText.Inline(target.Runtime.RuntimeVersionText)}",
            string.Create(CultureInfo.InvariantCulture, $"machine: {MarkdownText.Inline(environment.Hostname)}, {MarkdownText.Inline(environment.Os)} (kernel {MarkdownText.Inline(environment.Kernel)}), {environment.LogicalCpus} logical CPUs ({MarkdownText.Inline(environment.CpuModel)}), {environment.MemoryBytes / (1024.0 * 1024 * 1024):0.#} GiB"),
            $"aiotools {MarkdownText.Inline(environment.ToolVersion)} on .NET {MarkdownText.Inline(environment.Dotnet)}",
        ]);
    }

    private static void Reproduce(MarkdownDocument document, Incident incident)
    {
        document.Heading(2, "Reproduce");
        var pid = incident.Target.ProcessId.ToString(CultureInfo.InvariantCulture);
        var commands = new List<string>();
        if (incident.CommandLine is { } watch)
        {
            commands.Add(watch);
        }

        commands.Add($"aiotools diagnose -p {pid} --duration 10s");
        commands.Add($"aiotools blocking -p {pid} -d 5s --trace-out blocking.nettrace");
        commands.Add($"aiotools hotspots -p {pid}");
        commands.Add($"aiotools lag -p {pid} --watch --hlog lag.hlog");
        document.Raw("```sh\n" + string.Join('\n', commands) + "\n```\n");
        var files = new List<string> { "`incident.md`: this report" };
        if (incident.TraceFile is not null)
        {
            files.Add("`trace.nettrace`: the blocking session's raw trace (wait events with stacks, CPU samples), for PerfView or `dotnet-trace convert`");
        }

        if (incident.HlogFile is not null)
        {
            files.Add("`lag.hlog`: the timeline's thread-pool waits as an HdrHistogram interval log (ns, Tag=pid-PID), for HistogramLogAnalyzer or hdr-histogram-js");
        }

        document.Heading(2, "Files");
        document.List(files);
    }

    private static string? CommandLineOf(int processId)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/cmdline");
            return raw.Length == 0 ? null : raw.TrimEnd('\0').Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
