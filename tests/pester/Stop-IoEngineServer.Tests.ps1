BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Stop-IoEngineServer' {
    It 'stops a server, keeping its final counters for Receive-Job' {
        $server = Start-IoEngineServer -Port 0
        Invoke-WebRequest -Uri "http://$($server.Target)/" -UseBasicParsing | Out-Null
        $stopped = $server | Stop-IoEngineServer -PassThru
        $stopped.Id | Should -Be $server.Id
        $server.JobStateInfo.State | Should -Be 'Stopped'
        (Get-Process -Id $server.ProcessId -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        $counters = Receive-Job $server
        $counters.Requests | Should -BeGreaterOrEqual 1
        $server.FinalCounters.Requests | Should -Be $counters.Requests
        Remove-Job $server
    }

    It 'leaves the server running with -WhatIf' {
        $server = Start-IoEngineServer -Port 0
        $server | Stop-IoEngineServer -WhatIf
        $server.JobStateInfo.State | Should -Be 'Running'
        (Get-Process -Id $server.ProcessId).HasExited | Should -BeFalse
        $server | Stop-IoEngineServer -Confirm:$false
        $server.JobStateInfo.State | Should -Be 'Stopped'
        Remove-Job $server
    }

    It 'is what Stop-Job does too' {
        $server = Start-IoEngineServer -Port 0
        Stop-Job $server
        $server.JobStateInfo.State | Should -Be 'Stopped'
        Remove-Job $server
    }
}
