using AsyncIoTools.Reports.Exporters;

namespace AsyncIoTools.Reports.Tests;

/// <summary>Makes reports from fixtures into a temporary folder, which it removes when disposed.</summary>
internal sealed class ReportFixtureRuns : IDisposable
{
    public ReportFixtureRuns()
    {
        Folder = Directory.CreateTempSubdirectory("aiotools-report-test-").FullName;
    }

    public string Folder { get; }

    public PerformanceReport Make(ReportOptions options, string name = "report")
    {
        var output = Path.Combine(Folder, name, "report.md");
        return PerformanceReports.Create(options with { OutputPath = output, RegenerateCommand = options.RegenerateCommand ?? "reports/regenerate.sh" });
    }

    public static ReportOptions Objects(params AsyncIoTools.Results.BenchmarkResult[] results) => new() { Results = results, Title = "Fixture report" };

    public string Write(string fileName, string content)
    {
        var path = Path.Combine(Folder, fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    public static IReportExporter Plain => MarkdownExporter.Plain;
}
