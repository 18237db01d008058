BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Invoke-C10kBenchmark' {
    It 'runs a short real benchmark and writes a point per engine, and the result file where asked' {
        $out = Join-Path $TestDrive 'results'
        $points = Invoke-C10kBenchmark -Engine epoll -Connections 50 -Duration 1s -Warmup 500ms -Trials 1 -OutputPath $out -WarningAction SilentlyContinue
        $point = $points | Where-Object Engine -eq 'epoll'
        $point | Should -BeOfType ([AsyncIoTools.PowerShell.Output.BenchmarkPoint])
        $point.Connections | Should -Be 50
        $point.RequestsPerSecond | Should -BeGreaterThan 0
        $point.P99Micros | Should -BeGreaterThan 0
        $point.Errors | Should -Be 0
        ([AsyncIoTools.Results.BenchmarkResult]$point).CommandLine | Should -Match 'Invoke-C10kBenchmark'
        Get-ChildItem $out -Filter '*.json' | Should -HaveCount 1
        $point.ResultPath | Should -Exist
        (Import-BenchmarkResult -Path (Join-Path $out '*.json')).Summary.Count | Should -Be @($points).Count
    }

    It 'pipes its points into a report, the result file named by -OutputPath when it ends in .json' {
        $file = Join-Path $TestDrive 'named' 'epoll.json'
        $points = Invoke-C10kBenchmark -Engine epoll -Connections 20 -Duration 500ms -Warmup 200ms -Trials 1 -OutputPath $file -WarningAction SilentlyContinue
        $report = $points | New-PerformanceReport
        $report.Markdown | Should -Match 'epoll'
        $points[0].ResultPath | Should -Be $file
        (Import-BenchmarkResult -Path $file).Summary.Count | Should -Be @($points).Count
        Join-Path $TestDrive 'named' 'epoll.hlog' | Should -Exist
    }

    It 'shows its default view with units on an 80-column terminal' {
        $points = Invoke-C10kBenchmark -Engine poll -Connections 20 -Duration 300ms -Warmup 0 -Trials 1 -NoPin -OutputPath $TestDrive -WarningAction SilentlyContinue
        $text = $points | Out-String -Width 80
        $text | Should -Match 'Run\s+Conn\s+Req/s\s+P50\s+P99\s+CPU/req'
        $text | Should -Match 'poll:level'
        $text | Should -Match '\d(k|M)?/s'
        ($points | ConvertTo-Json -Depth 1 | ConvertFrom-Json).RequestsPerSecond | Should -BeGreaterThan 0
    }

    It 'measures round by round with -Interleave: every engine''s trial 1 before any trial 2, every other round backwards, and the report divides trial by trial' {
        $file = Join-Path $TestDrive 'interleaved.json'
        $points = Invoke-C10kBenchmark -Engine epoll, poll -Connections 20 -Duration 1200ms -Warmup 100ms -Trials 2 -Interleave -NoPin -OutputPath $file -WarningAction SilentlyContinue
        $result = Import-BenchmarkResult -Path $file
        $result.Interleaved | Should -BeTrue
        $result.Runs | ForEach-Object { ($_.Trials | ForEach-Object Index) -join ',' } | Should -Be @('1,2', '1,2')
        # The interval log beside the file is in time order: its tags say in which order the trials ran.
        $order = Get-Content (Join-Path $TestDrive 'interleaved.hlog') | Where-Object { $_ -like 'Tag=*' } | ForEach-Object { ($_ -split ',')[0].Substring(4) } | Select-Object -Unique
        $order | Should -Be @('epoll:level/trial-1', 'poll:level/trial-1', 'poll:level/trial-2', 'epoll:level/trial-2')
        @($points).Count | Should -Be 2
        ($points | New-PerformanceReport).Markdown | Should -Match 'the median of the per-trial ratios, the two runs'' trials having been interleaved'
    }

    It 'warns once of an engine unavailable at every point of a sweep, and names the point where only one is' {
        # A scenario that names iocp, Windows', unavailable here at both points for one reason; select is refused past
        # FD_SETSIZE, at 2,000 only: one server worker, or a low open-files limit would split the 2,000 among several.
        # (An engine named with -Engine that cannot run here is refused before anything runs.)
        $scenario = Join-Path $TestDrive 'unavailable.json'
        '{ "version": 1, "name": "unavailable", "protocol": "http", "connections": 20, "workers": 1, "engines": ["iocp", "select"] }' | Set-Content $scenario
        Invoke-C10kBenchmark -Scenario $scenario -Sweep 'connections=20,2000' -Duration 300ms -Warmup 0 -Trials 1 -NoPin -OutputPath $TestDrive -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
        $notRun = @($warned | ForEach-Object Message | Where-Object { $_ -like '* did not run: *' })
        @($notRun | Where-Object { $_ -clike 'iocp* did not run: *' }).Count | Should -Be 1
        @($notRun | Where-Object { $_ -clike 'iocp:skip did not run: IOCP is a Windows API*' }).Count | Should -Be 1
        @($notRun | Where-Object { $_ -clike 'select:level connections=2000 did not run: *' }).Count | Should -Be 1
        @($notRun | Where-Object { $_ -clike 'select*connections=20 did not run*' }).Count | Should -Be 0
    }

    It 'refuses an unknown engine as a usage error before starting anything' {
        { Invoke-C10kBenchmark -Engine no-such-engine -Duration 1s -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidUsage,AsyncIoTools.PowerShell.Commands.InvokeC10kBenchmarkCommand'
    }

    It 'refuses what is not a duration or a sweep, naming the parameter' {
        { Invoke-C10kBenchmark -Engine epoll -Duration 'ten' } | Should -Throw -ExpectedMessage "*parameter 'Duration'*not a duration*"
        { Invoke-C10kBenchmark -Engine epoll -Duration 5d } | Should -Throw -ExpectedMessage "*'5d' is not a duration*"
        { Invoke-C10kBenchmark -Engine epoll -Sweep 'speed=1,2' } | Should -Throw -ExpectedMessage "*parameter 'Sweep'*"
    }
}
