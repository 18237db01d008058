BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Import-BenchmarkResult' {
    It 'reads a result file into a result object' {
        $result = Import-BenchmarkResult -Path $FixtureResult
        $result | Should -BeOfType ([AsyncIoTools.Results.BenchmarkResult])
        $result.Schema | Should -Be 'aiotools.result/1'
        $result.Summary.Engine | Should -Contain 'epoll'
    }

    It 'reads every result of a folder' {
        Copy-Item $FixtureResult (Join-Path $TestDrive 'a.json')
        Copy-Item $FixtureResult (Join-Path $TestDrive 'b.json')
        Import-BenchmarkResult -Path $TestDrive | Should -HaveCount 2
    }

    It 'names a file of an unknown version in its error' {
        $old = Join-Path $TestDrive 'old.json'
        '{ "schema": "aiotools.result/0" }' | Set-Content $old
        { Import-BenchmarkResult -LiteralPath $old -ErrorAction Stop } | Should -Throw -ErrorId 'BadInput,AsyncIoTools.PowerShell.Commands.ImportBenchmarkResultCommand'
    }
}
