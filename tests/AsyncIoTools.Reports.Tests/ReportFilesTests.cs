using AsyncIoTools.Reports.Exporters;

namespace AsyncIoTools.Reports.Tests;

public sealed class ReportFilesTests : IDisposable
{
    private readonly ReportFixtureRuns _runs = new();

    [Fact]
    public void OutputFolder_GetsReportMd_AndAFilePathIsKept()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_runs.Folder, "existing")).FullName;

        Assert.Equal(Path.Combine(folder, "report.md"), MarkdownExporter.Default.MainPathFor(folder));
        Assert.Equal(Path.Combine("new", "report.md"), MarkdownExporter.Default.MainPathFor("new/"));
        Assert.Equal("out/summary.md", MarkdownExporter.Default.MainPathFor("out/summary.md"));
    }

    [Fact]
    public void Regenerating_ReplacesTheReportAndItsCharts_LeavingNoTemporaryFiles()
    {
        var output = Path.Combine(_runs.Folder, "out", "README.md");
        var options = ReportFixtureRuns.Objects(FixtureReports.IdleSweep()) with { OutputPath = output };
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.GetDirectoryName(output)!).FullName, "README.md"), "old");

        var first = PerformanceReports.Create(options);
        var second = PerformanceReports.Create(options with { Title = "Second" });

        Assert.Equal(first.WrittenFiles, second.WrittenFiles);
        Assert.StartsWith("# Second\n", File.ReadAllText(output), StringComparison.Ordinal);
        Assert.Contains(second.WrittenFiles, f => Path.GetFileName(f) == "README-c10k-idle-cpumicrosperrequest.svg");
        Assert.Equal(second.WrittenFiles.Order(StringComparer.Ordinal), Directory.EnumerateFiles(Path.GetDirectoryName(output)!).Order(StringComparer.Ordinal));
    }

    public void Dispose() => _runs.Dispose();
}
