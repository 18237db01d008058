BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Target = Start-LagTarget
}
AfterAll { Stop-LagTarget $Target }

Describe 'Get-EventLoopLag' {
    It 'measures a live process by id' {
        $report = Get-EventLoopLag -ProcessId $Target.Id -Duration 2s -Interval 1s
        $report | Should -BeOfType ([AsyncIoTools.Diagnostics.Lag.LagReport])
        $report.Summary.Items | Should -BeGreaterThan 0
        $report.Intervals.Count | Should -BeGreaterOrEqual 1
        $report.End | Should -Be 'Completed'
    }

    It 'takes processes from Get-Process by their Id' {
        $report = Get-Process -Id $Target.Id | Get-EventLoopLag -Duration 1s -Interval 500ms
        $report.Target.ProcessId | Should -Be $Target.Id
    }

    It 'streams intervals with -Watch until the pipeline has enough' {
        $intervals = Get-EventLoopLag -ProcessId $Target.Id -Interval 500ms -Watch | Select-Object -First 2
        $intervals | Should -HaveCount 2
        $intervals[0] | Should -BeOfType ([AsyncIoTools.Diagnostics.Lag.LagInterval])
    }

    It 'writes a ThresholdExceeded error past the threshold, after the report' {
        $report = Get-EventLoopLag -ProcessId $Target.Id -Duration 1s -Interval 500ms -Threshold 1us -ErrorVariable failures -ErrorAction SilentlyContinue
        $report | Should -Not -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'ThresholdExceeded,AsyncIoTools.PowerShell.Commands.GetEventLoopLagCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
    }

    It 'names a missing process in an ObjectNotFound error' {
        { Get-EventLoopLag -Name 'no-such-process-aiotools' -Duration 1s -ErrorAction Stop } |
            Should -Throw -ErrorId 'NoSuchProcess,AsyncIoTools.PowerShell.Commands.GetEventLoopLagCommand'
    }
}
