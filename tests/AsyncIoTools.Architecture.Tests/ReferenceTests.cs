namespace AsyncIoTools.Architecture.Tests;

/// <summary>
/// The rooms reach only what they may (transitively, through csproj project references): reports read results
/// through the contract alone, so they can read files from other hosts and older builds (and incidents through
/// diagnostics' records); diagnostics attaches to processes without the engines; the contract stands on the core.
/// </summary>
public sealed class ReferenceTests
{
    private static readonly ProjectGraph Graph = ProjectGraph.Load();

    [Fact]
    public void Reports_ReachNeitherBenchmarksNorEngines()
    {
        var reached = Graph.Reachable("Reports");

        Assert.DoesNotContain("Benchmarks", reached);
        Assert.DoesNotContain("Engines", reached);
        Assert.Equal(["Core", "Diagnostics", "Results"], reached);
    }

    [Fact]
    public void Results_StandOnTheCoreAlone()
    {
        Assert.Equal(["Core"], Graph.Reachable("Results"));
    }

    [Fact]
    public void Diagnostics_DoNotReachTheEngines()
    {
        Assert.DoesNotContain("Engines", Graph.Reachable("Diagnostics"));
        Assert.DoesNotContain("Engines", Graph.Reachable("HeapSnapshot"));
    }

    [Fact]
    public void Engines_ReachOnlyTheCore()
    {
        Assert.Equal(["Core"], Graph.Reachable("Engines"));
    }

    [Fact]
    public void Graph_SeesEveryProject()
    {
        Assert.Contains("Cli", Graph.References.Keys);
        Assert.Contains("Cli", Graph.Reachable("PowerShell"));
        Assert.True(Graph.References.Count >= 20, $"only {Graph.References.Count} projects found under {RepositoryLayout.Root}");
    }
}
