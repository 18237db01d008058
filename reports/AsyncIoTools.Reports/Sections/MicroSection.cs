using System.Globalization;
using AsyncIoTools.Reports.Charts;
using AsyncIoTools.Reports.DotNetBenchmarks;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Sections;

/// <summary>
/// BenchmarkDotNet's results as it would table them (Mean, Error, StdDev, Median, Allocated), one table per
/// benchmark class, times in one unit per table, the lowest mean among cases of the same parameters in bold.
/// </summary>
internal static class MicroSection
{
    private const double NanosPerMicro = 1000;

    public static void Write(ReportModel model, MarkdownDocument document)
    {
        if (model.Micro.Count == 0)
        {
            return;
        }

        document.Heading(2, "Micro-benchmarks (BenchmarkDotNet)");
        foreach (var source in model.Micro)
        {
            var report = source.Report;
            document.Heading(3, MarkdownText.Inline(report.Title ?? source.Origin));
            if (report.HostEnvironmentInfo is { } host)
            {
                document.Paragraph(MarkdownText.Inline(string.Create(
                    CultureInfo.InvariantCulture,
                    $"BenchmarkDotNet {host.BenchmarkDotNetVersion}, {host.OsVersion}, {host.ProcessorName} ({host.LogicalCoreCount} logical cores), {host.RuntimeVersion} {host.Architecture} {host.Configuration}.")) +
                    " From " + MarkdownText.Code(source.Origin) + ".");
            }

            foreach (var type in report.Benchmarks.GroupBy(b => string.Join('.', new[] { b.Namespace, b.Type }.Where(p => !string.IsNullOrEmpty(p))), StringComparer.Ordinal))
            {
                if (report.Benchmarks.Select(b => b.Type).Distinct(StringComparer.Ordinal).Count() > 1)
                {
                    document.Heading(4, MarkdownText.Code(type.Key));
                }

                Table(type.ToList(), document);
                var name = type.Key.Length == 0 ? report.Title ?? "benchmarks" : type.Key;
                if (MicroSweep.Of(name, [.. type]) is { } chart)
                {
                    SweepCharts.Write(chart, "micro-" + Slugs.Of(name), document);
                }
            }
        }
    }

    private static void Table(List<BdnBenchmark> cases, MarkdownDocument document)
    {
        var hasParameters = cases.Any(c => !string.IsNullOrEmpty(c.Parameters));
        var hasMemory = cases.Any(c => c.Memory is not null);
        var time = DisplayUnit.For(QuantityKind.Time, cases.Select(c => (c.Statistics?.Mean ?? 0) / NanosPerMicro));
        var bytes = DisplayUnit.For(QuantityKind.Bytes, cases.Select(c => (double)(c.Memory?.BytesAllocatedPerOperation ?? 0)));
        var headers = new List<string> { "Method" };
        if (hasParameters)
        {
            headers.Add("Parameters");
        }

        headers.AddRange([time.Header("Mean"), time.Header("Error"), time.Header("StdDev"), time.Header("Median"), "N"]);
        if (hasMemory)
        {
            headers.AddRange(["Gen0/1k op", bytes.Header("Allocated")]);
        }

        var table = new MarkdownTable(headers, headers.Select((_, i) => i < (hasParameters ? 2 : 1) ? ColumnAlignment.Left : ColumnAlignment.Right).ToList());
        var fastest = cases
            .Where(c => c.Statistics is not null)
            .GroupBy(c => c.Parameters ?? string.Empty, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.MinBy(c => c.Statistics!.Mean)!)
            .ToHashSet();
        foreach (var c in cases)
        {
            var cells = new List<string> { MarkdownText.Inline(c.MethodTitle ?? c.Method ?? c.FullName ?? "?") };
            if (hasParameters)
            {
                cells.Add(MarkdownText.Inline(c.Parameters));
            }

            if (c.Statistics is { } s)
            {
                var mean = time.Format(s.Mean / NanosPerMicro);
                cells.AddRange([
                    fastest.Contains(c) ? $"**{mean}**" : mean,
                    s.ConfidenceInterval is { } ci ? time.Format(ci.Margin / NanosPerMicro) : "n/a",
                    time.Format(s.StandardDeviation / NanosPerMicro),
                    time.Format(s.Median / NanosPerMicro),
                    s.N.ToString(CultureInfo.InvariantCulture),
                ]);
            }
            else
            {
                cells.AddRange(["failed", "n/a", "n/a", "n/a", "0"]);
            }

            if (hasMemory)
            {
                cells.Add(c.Memory is { } m ? Numbers.Significant(m.Gen0PerThousand) : "n/a");
                cells.Add(c.Memory?.BytesAllocatedPerOperation is { } allocated ? bytes.Format(allocated) : "n/a");
            }

            table.Add(cells);
        }

        document.Table(table);
        var level = cases.Select(c => c.Statistics?.ConfidenceInterval?.LevelName).OfType<string>().FirstOrDefault() ?? "99.9%";
        document.Paragraph(
            $"Mean and median per operation over N iterations; Error: half the {level} confidence interval of the mean (BenchmarkDotNet's Error column); " +
            "**bold**: the lowest mean among cases with the same parameters; Gen0/1k op: gen-0 collections per 1,000 operations.");
    }
}
