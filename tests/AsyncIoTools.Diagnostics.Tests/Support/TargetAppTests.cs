namespace AsyncIoTools.Diagnostics.Tests.Support;

/// <summary>The test targets' own hygiene: a killed .NET process leaves its diagnostic socket behind.</summary>
[Collection(LiveTargets.Name)]
public sealed class TargetAppTests
{
    [Fact]
    public void Dispose_RunningTarget_RemovesTheDiagnosticSocketTheKillLeaves()
    {
        var target = TargetApp.StartLagTarget("none");
        var socket = Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{target.ProcessId}-*-socket");
        Assert.Single(socket);

        target.Dispose();

        Assert.False(File.Exists(socket[0]), socket[0]);
    }
}
