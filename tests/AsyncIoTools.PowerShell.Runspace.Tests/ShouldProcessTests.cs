namespace AsyncIoTools.PowerShell.Runspace.Tests;

/// <summary>Start-IoEngineServer and Stop-IoEngineServer start and stop processes: -WhatIf does neither.</summary>
public sealed class ShouldProcessTests(ModuleSession session) : IClassFixture<ModuleSession>
{
    [Fact]
    public void StartWhatIf_StartsNothing()
    {
        var before = ChildProcesses.Aiotools();
        var jobs = session.Run("@(Get-Job).Count").Single();
        Assert.Empty(session.Run("Start-IoEngineServer -Engine epoll -Port 0 -WhatIf"));
        Assert.Equal(jobs.ToString(), session.Run("@(Get-Job).Count").Single().ToString());
        Assert.Equal(before, ChildProcesses.Aiotools());
    }

    [Fact]
    public void StopWhatIf_LeavesTheServerRunning_AndStopStopsIt()
    {
        session.Run("$global:server = Start-IoEngineServer -Engine poll -Port 0");
        var pid = (int)session.Run("$global:server.ProcessId").Single().BaseObject;
        try
        {
            session.Run("$global:server | Stop-IoEngineServer -WhatIf");
            Assert.Contains(pid, ChildProcesses.Aiotools());
            Assert.Equal("Running", session.Run("$global:server.JobStateInfo.State.ToString()").Single().ToString());

            session.Run("$global:server | Stop-IoEngineServer -Confirm:$false");
            Assert.DoesNotContain(pid, ChildProcesses.Aiotools());
            Assert.Equal("Stopped", session.Run("$global:server.JobStateInfo.State.ToString()").Single().ToString());
        }
        finally
        {
            session.Run("$global:server | Remove-Job -Force");
        }
    }
}
