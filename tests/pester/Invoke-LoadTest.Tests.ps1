BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Invoke-LoadTest' {
    BeforeAll { $script:Server = Start-IoEngineServer -Port 0 }
    AfterAll { Stop-IoEngineServer $Server; Remove-Job $Server }

    It 'loads a server given as a target' {
        $result = Invoke-LoadTest -Target $Server.Target -Connections 20 -Duration 1s -Warmup 200ms
        $result | Should -BeOfType ([AsyncIoTools.PowerShell.Output.LoadTestResult])
        $result.Requests | Should -BeGreaterThan 0
        $result.Errors | Should -Be 0
        $result.RequestsPerSecond | Should -BeGreaterThan 0
        $result.GetReport().Summary[0].RequestsPerSecond | Should -Be $result.RequestsPerSecond
    }

    It 'takes the server job from the pipeline' {
        ($Server | Invoke-LoadTest -Connections 10 -Duration 500ms -Warmup 100ms).Target | Should -BeLike "$($Server.Target)*"
    }

    # Measured for real: the measured window is the bound duration, however it was spelled.
    It 'measures for -Duration <Spelling>' -ForEach @(
        @{ Spelling = '1s' }, @{ Spelling = "'1s'" }, @{ Spelling = '00:00:01' }, @{ Spelling = '(New-TimeSpan -Seconds 1)' },
        @{ Spelling = '1' }, @{ Spelling = '1000ms' }, @{ Spelling = '1.0s' }
    ) {
        $result = & ([scriptblock]::Create("Invoke-LoadTest -Target '$($Server.Target)' -Connections 4 -Warmup 0 -Duration $Spelling"))
        # One second, not a millisecond or a minute (a busy machine may stretch the window a little).
        $result.Seconds | Should -BeGreaterOrEqual 0.9
        $result.Seconds | Should -BeLessThan 5
    }

    It 'warns when the server closed idle connections (-Active below -Connections) during the measurement' {
        $short = Start-IoEngineServer -Port 0 -HeadTimeout 1s
        try {
            $result = Invoke-LoadTest -Target $short.Target -Connections 10 -Active 2 -Duration 2500ms -Warmup 0s -WarningVariable warned -WarningAction SilentlyContinue
            $result.Errors | Should -Be 0
            $result.GetReport().Measurement.IdleClosedByServer | Should -BeGreaterOrEqual 8
            $warned | Should -HaveCount 1
            "$($warned[0])" | Should -BeLike 'the server closed idle connections * times in the measurement (8 of the connections never send)*'
        }
        finally { Stop-IoEngineServer $short; Remove-Job $short }

        Invoke-LoadTest -Target $Server.Target -Connections 10 -Active 2 -Duration 500ms -Warmup 0s -WarningVariable quiet | Out-Null
        $quiet | Should -BeNullOrEmpty
    }

    It 'refuses a target that is not an address' {
        { Invoke-LoadTest -Target 'localhost:80' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidUsage,AsyncIoTools.PowerShell.Commands.InvokeLoadTestCommand'
    }

    It 'names the PowerShell parameters in the core''s refusal' {
        { Invoke-LoadTest -Target $Server.Target -Rate 100 -Pipeline 2 -ErrorAction Stop } | Should -Throw -ExpectedMessage '-Rate measures each request from its intended start and cannot be combined with -Pipeline'
    }
}
