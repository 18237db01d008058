BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Get-BenchmarkScenario' {
    It 'lists the built-in catalogue' {
        $scenarios = Get-BenchmarkScenario
        $scenarios.Name | Should -Contain 'c10k'
        $scenarios.Name | Should -Contain 'c10k-idle'
        $scenarios[0] | Should -BeOfType ([AsyncIoTools.Results.BenchmarkScenario])
    }

    It 'filters by name with wildcards' {
        (Get-BenchmarkScenario -Name 'c10k*').Name | ForEach-Object { $_ | Should -BeLike 'c10k*' }
    }

    It 'reads and validates a scenario file, naming the bad field' {
        $good = Join-Path $TestDrive 'good.json'
        '{ "name": "tiny", "connections": 10, "durationSeconds": 1 }' | Set-Content $good
        (Get-BenchmarkScenario -Path $good).Connections | Should -Be 10

        $bad = Join-Path $TestDrive 'bad.json'
        '{ "name": "tiny", "conections": 10 }' | Set-Content $bad
        { Get-BenchmarkScenario -Path $bad -ErrorAction Stop } | Should -Throw -ErrorId 'BadInput,AsyncIoTools.PowerShell.Commands.GetBenchmarkScenarioCommand'
    }
}
