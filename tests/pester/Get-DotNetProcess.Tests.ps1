BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Target = Start-LagTarget
}
AfterAll { Stop-LagTarget $Target }

Describe 'Get-DotNetProcess' {
    It 'lists the attachable .NET processes, the target among them' {
        $row = Get-DotNetProcess | Where-Object ProcessId -eq $Target.Id
        $row | Should -BeOfType ([AsyncIoTools.PowerShell.Output.DotNetProcessInfo])
        $row.Attachable | Should -BeTrue
        $row.RuntimeVersion | Should -Match '^\d+\.\d+'
    }

    It 'filters by name with wildcards' {
        Get-DotNetProcess -Name 'AsyncIoTools.Lag*' | ForEach-Object { $_.Name | Should -BeLike 'AsyncIoTools.Lag*' }
    }

    It 'pipes into the diagnostics cmdlets by ProcessId' {
        $report = Get-DotNetProcess | Where-Object ProcessId -eq $Target.Id | Get-EventLoopLag -Duration 1s -Interval 500ms
        $report.ProcessId | Should -Be $Target.Id
    }
}
