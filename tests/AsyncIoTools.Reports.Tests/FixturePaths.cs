namespace AsyncIoTools.Reports.Tests;

/// <summary>The fixture files copied beside the test assembly (see Fixtures/README.md).</summary>
internal static class FixturePaths
{
    public static string Sample => Path.Combine(AppContext.BaseDirectory, "Fixtures", "sample-bench.json");

    /// <summary>A result file of the scenario catalogue (reports/catalogue/results), written by an earlier build.</summary>
    public static string Catalogue => Path.Combine(AppContext.BaseDirectory, "Fixtures", "catalogue-c100k.json");

    public static string Probe => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Probe-report-full-compressed.json");
}
