namespace AsyncIoTools.Reports.DotNetBenchmarks;

/// <summary>
/// The interval around the mean; <see cref="Margin"/> is what BenchmarkDotNet's "Error" column shows.
/// <see cref="Level"/> is the ordinal of Perfolizer's <c>ConfidenceLevel</c> (12 = L999, BenchmarkDotNet's default).
/// </summary>
public sealed record BdnConfidenceInterval
{
    private static readonly string[] LevelNames =
        ["50%", "70%", "75%", "80%", "85%", "90%", "92%", "95%", "96%", "97%", "98%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"];

    public int Level { get; init; }

    public double Margin { get; init; }

    public double Lower { get; init; }

    public double Upper { get; init; }

    public string LevelName => Level >= 0 && Level < LevelNames.Length ? LevelNames[Level] : "unknown level";
}
