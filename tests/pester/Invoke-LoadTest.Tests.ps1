BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Invoke-LoadTest' {
    BeforeAll { $script:Server = Start-IoEngineServer -Port 0 }
    AfterAll { Stop-IoEngineServer $Server; Remove-Job $Server }

    It 'loads a server given as a target' {
        $report = Invoke-LoadTest -Target $Server.Target -Connections 20 -Duration 1s -Warmup 200ms
        $report | Should -BeOfType ([AsyncIoTools.Benchmarks.Results.LoadReport])
        $report.Measurement.Requests | Should -BeGreaterThan 0
        $report.Measurement.Errors.Total | Should -Be 0
        $report.Summary[0].RequestsPerSecond | Should -BeGreaterThan 0
    }

    It 'takes the server job from the pipeline' {
        ($Server | Invoke-LoadTest -Connections 10 -Duration 500ms -Warmup 100ms).Target | Should -BeLike "$($Server.Target)*"
    }

    It 'refuses a target that is not an address' {
        { Invoke-LoadTest -Target 'localhost:80' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidUsage,AsyncIoTools.PowerShell.Commands.InvokeLoadTestCommand'
    }
}
