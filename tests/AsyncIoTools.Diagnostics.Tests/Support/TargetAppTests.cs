namespace AsyncIoTools.Diagnostics.Tests.Support;

/// <summary>The test targets' own hygiene: a killed .NET process leaves its diagnostic socket behind.</summary>
[Collection(LiveTargets.Name)]
public sealed class TargetAppTests
{
    [Fact]
    public void Dispose_RunningTarget_RemovesTheDiagnosticSocketTheKillLeaves()
    {
        var target = TargetApp.StartLagTarget("none");
        var socket = Assert.Single(DiagnosticSockets.OfTree(target.ProcessId).Paths);

        target.Dispose();

        Assert.False(File.Exists(socket), socket);
    }

    [Fact]
    public void DiagnosticSockets_OneAnEarlierProcessWithTheSameIdLeft_IsNotTheProcesss()
    {
        using var target = TargetApp.StartLagTarget("none");
        var own = Assert.Single(DiagnosticSockets.OfTree(target.ProcessId).Paths);
        var stale = Path.Combine(Path.GetTempPath(), $"dotnet-diagnostic-{target.ProcessId}-1-socket");
        File.WriteAllText(stale, string.Empty);
        try
        {
            Assert.Equal([own], DiagnosticSockets.OfTree(target.ProcessId).Paths);
        }
        finally
        {
            File.Delete(stale);
        }
    }
}
