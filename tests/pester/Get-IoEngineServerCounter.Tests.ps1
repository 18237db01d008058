BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Get-IoEngineServerCounter' {
    It 'reads live counters over the control channel' {
        $server = Start-IoEngineServer -Port 0
        try {
            1..3 | ForEach-Object { Invoke-WebRequest -Uri "http://$($server.Target)/" -UseBasicParsing | Out-Null }
            $counters = $server | Get-IoEngineServerCounter
            $counters | Should -BeOfType ([AsyncIoTools.Engines.Contract.EngineCounters])
            $counters.Requests | Should -BeGreaterOrEqual 3
            $counters.TotalSyscalls | Should -BeGreaterThan 0
        }
        finally {
            Stop-IoEngineServer $server
            Remove-Job $server
        }
    }

    It 'says so when the server is gone' {
        $server = Start-IoEngineServer -Port 0
        Stop-IoEngineServer $server
        { Get-IoEngineServerCounter $server -ErrorAction Stop } | Should -Throw -ErrorId 'RunFailed,AsyncIoTools.PowerShell.Commands.GetIoEngineServerCounterCommand'
        Remove-Job $server
    }
}
