BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Invoke-C10kBenchmark' {
    It 'runs a short real benchmark and returns the result, written where asked' {
        $out = Join-Path $TestDrive 'results'
        $result = Invoke-C10kBenchmark -Engine epoll -Connections 50 -Duration 1s -Warmup 500ms -Trials 1 -OutputPath $out
        $result | Should -BeOfType ([AsyncIoTools.Benchmarks.Results.BenchmarkResult])
        $point = $result.Summary | Where-Object Engine -eq 'epoll'
        $point.Connections | Should -Be 50
        $point.RequestsPerSecond | Should -BeGreaterThan 0
        $point.Errors | Should -Be 0
        $result.CommandLine | Should -Match 'Invoke-C10kBenchmark'
        Get-ChildItem $out -Filter '*.json' | Should -HaveCount 1
        (Import-BenchmarkResult -Path (Join-Path $out '*.json')).Summary.Count | Should -Be $result.Summary.Count
    }

    It 'pipes its result into a report' {
        $result = Invoke-C10kBenchmark -Engine epoll -Connections 20 -Duration 500ms -Warmup 200ms -Trials 1
        $report = $result | New-PerformanceReport
        $report.Markdown | Should -Match 'epoll'
    }

    It 'refuses an unknown engine as a usage error before starting anything' {
        { Invoke-C10kBenchmark -Engine no-such-engine -Duration 1s -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidUsage,AsyncIoTools.PowerShell.Commands.InvokeC10kBenchmarkCommand'
    }

    It 'takes the CLI''s duration spelling and sweeps' {
        { Invoke-C10kBenchmark -Engine epoll -Duration 'ten' } | Should -Throw
        { Invoke-C10kBenchmark -Engine epoll -Sweep 'speed=1,2' } | Should -Throw
    }
}
