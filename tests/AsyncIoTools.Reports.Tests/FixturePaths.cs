namespace AsyncIoTools.Reports.Tests;

/// <summary>The fixture files copied beside the test assembly (see Fixtures/README.md).</summary>
internal static class FixturePaths
{
    public static string Sample => Path.Combine(AppContext.BaseDirectory, "Fixtures", "sample-bench.json");

    public static string Probe => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Probe-report-full-compressed.json");
}
