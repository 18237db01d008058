BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'New-PerformanceReport' {
    It 'reports result files given by path' {
        $report = New-PerformanceReport -Path $FixtureResult -Title 'Fixture'
        $report | Should -BeOfType ([AsyncIoTools.Reports.PerformanceReport])
        $report.Markdown | Should -Match '# Fixture'
        $report.Markdown | Should -Match 'epoll'
        $report.WrittenFiles | Should -BeNullOrEmpty
    }

    It 'reports result objects from the pipeline and writes the file asked for' {
        $out = Join-Path $TestDrive 'report.md'
        $report = Import-BenchmarkResult -Path $FixtureResult | New-PerformanceReport -OutputPath $out
        $out | Should -Exist
        $report.WrittenFiles | Should -Contain $out
    }

    It 'takes files from Get-ChildItem' {
        (Get-Item $FixtureResult | New-PerformanceReport).Markdown | Should -Match 'epoll'
    }

    It 'warns about an unreadable input, and stops on it with -Strict' {
        $corrupt = Join-Path $TestDrive 'corrupt.json'
        '{ "schema": "aiotools.result/1", ' | Set-Content $corrupt
        $report = New-PerformanceReport -Path $FixtureResult, $corrupt -WarningVariable warnings -WarningAction SilentlyContinue
        $report | Should -Not -BeNullOrEmpty
        $warnings -join ' ' | Should -Match 'corrupt.json'
        { New-PerformanceReport -Path $corrupt -Strict -ErrorAction Stop } | Should -Throw -ErrorId 'BadInput,AsyncIoTools.PowerShell.Commands.NewPerformanceReportCommand'
    }
}
