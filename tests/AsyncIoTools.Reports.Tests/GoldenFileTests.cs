using System.Runtime.CompilerServices;
using AsyncIoTools.Reports.Exporters;

namespace AsyncIoTools.Reports.Tests;

/// <summary>
/// The rendered reports, compared byte for byte with the files under Golden/. After an intended change of the
/// renderer, regenerate them with <c>AIOTOOLS_UPDATE_GOLDEN=1 dotnet test tests/AsyncIoTools.Reports.Tests
/// --filter GoldenFileTests</c> and review the diff (see Golden/README.md).
/// </summary>
public sealed class GoldenFileTests : IDisposable
{
    private readonly ReportFixtureRuns _runs = new();

    public static TheoryData<string> Cases => ["sweep", "cases", "echo-sweep", "escaping", "baseline", "micro", "sample", "catalogue"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Report_MatchesItsGoldenFiles(string name)
    {
        var report = Make(name);
        var golden = Path.Combine(SourceFolder(), "Golden", name);
        if (Environment.GetEnvironmentVariable("AIOTOOLS_UPDATE_GOLDEN") == "1")
        {
            if (Directory.Exists(golden))
            {
                Directory.Delete(golden, recursive: true);
            }

            Directory.CreateDirectory(golden);
            foreach (var file in report.WrittenFiles)
            {
                File.Copy(file, Path.Combine(golden, Path.GetFileName(file)));
            }
        }

        var expected = Directory.EnumerateFiles(golden).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, report.WrittenFiles.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in report.WrittenFiles)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(golden, Path.GetFileName(file))), File.ReadAllText(file));
        }
    }

    public void Dispose() => _runs.Dispose();

    private PerformanceReport Make(string name)
    {
        // Inputs are copied beside the report so that the paths it prints are the same on every machine.
        var inputs = Path.Combine(_runs.Folder, name, "inputs");
        Directory.CreateDirectory(inputs);
        string Copy(string fixture)
        {
            var target = Path.Combine(inputs, Path.GetFileName(fixture));
            File.Copy(fixture, target);
            return target;
        }

        return name switch
        {
            "sweep" => _runs.Make(ReportFixtureRuns.Objects(FixtureReports.C10k(), FixtureReports.IdleSweep()), name),
            "cases" => _runs.Make(ReportFixtureRuns.Objects(FixtureReports.Nagle(), FixtureReports.Cork(), FixtureReports.File64m(), FixtureReports.SelectIdle()), name),
            "echo-sweep" => _runs.Make(ReportFixtureRuns.Objects(FixtureReports.EchoSizeSweep()), name),
            "escaping" => _runs.Make(ReportFixtureRuns.Objects(FixtureReports.Hostile()) with { Exporter = MarkdownExporter.Plain, RegenerateCommand = "aiotools report 'a|b' `x`" }, name),
            "baseline" => _runs.Make(ReportFixtureRuns.Objects(BaselineTests.Slower()) with { BaselineResults = [FixtureReports.C10k()] }, name),
            "micro" => _runs.Make(new ReportOptions { BdnJsonPaths = [Copy(FixturePaths.Probe)], Title = "Micro-benchmarks" }, name),
            "catalogue" => _runs.Make(new ReportOptions { Paths = [Copy(FixturePaths.Catalogue)], Title = "Catalogue result file (written before the results contract)" }, name),
            _ => _runs.Make(new ReportOptions { Paths = [Copy(FixturePaths.Sample)], Title = "Sample (fixture derived from a real run)" }, name),
        };
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
