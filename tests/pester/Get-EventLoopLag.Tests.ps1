BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Target = Start-LagTarget
}
AfterAll { Stop-LagTarget $Target }

Describe 'Get-EventLoopLag' {
    It 'measures a live process by id' {
        $report = Get-EventLoopLag -ProcessId $Target.Id -Duration 2s -Interval 1s -WarningVariable warnings
        $report | Should -BeOfType ([AsyncIoTools.PowerShell.Output.EventLoopLagReport])
        $warnings | Where-Object { "$_" -match 'items followed' } | Should -BeNullOrEmpty -Because 'a target under the event budget is followed throughout'
        $report.FollowedFraction | Should -BeGreaterOrEqual 0.9
        $report.Items | Should -BeGreaterThan 0
        $report.P99Micros | Should -BeGreaterOrEqual $report.P50Micros
        $report.Intervals.Count | Should -BeGreaterOrEqual 1
        $report.End | Should -Be 'Completed'
        $report.Verdict | Should -BeIn 'Healthy', 'Lagging', 'Starved'
    }

    It 'warns that a busy target was sampled, with the share of the time followed' {
        # Some 6,000 requests a second of 5 µs each: several times the 15,000 work-item events a second followed in full.
        $busy = Start-LagTarget -ArgumentList '--rate', '6000', '--work-us', '5', '--subscriptions', '0', '--readers', '0'
        try {
            $report = Get-EventLoopLag -ProcessId $busy.Id -Duration 3s -Interval 1s -WarningVariable warnings -WarningAction SilentlyContinue
            $report.FollowedFraction | Should -BeLessThan 0.9
            $note = @($warnings | Where-Object { "$_" -match 'items followed' })
            $note | Should -HaveCount 1
            "$($note[0])" | Should -BeLike "process $($busy.Id): items followed *% of the time, in one window per interval*"
        }
        finally { Stop-LagTarget $busy }
    }

    It 'takes processes from Get-Process by their Id' {
        $report = Get-Process -Id $Target.Id | Get-EventLoopLag -Duration 1s -Interval 500ms
        $report.ProcessId | Should -Be $Target.Id
    }

    It 'streams intervals with -Watch until the pipeline has enough' {
        $intervals = Get-EventLoopLag -ProcessId $Target.Id -Interval 500ms -Watch | Select-Object -First 2
        $intervals | Should -HaveCount 2
        $intervals[0] | Should -BeOfType ([AsyncIoTools.PowerShell.Output.EventLoopLagInterval])
    }

    It 'writes a ThresholdExceeded error past the threshold, after the report' {
        $report = Get-EventLoopLag -ProcessId $Target.Id -Duration 1s -Interval 500ms -Threshold 1us -ErrorVariable failures -ErrorAction SilentlyContinue
        $report | Should -Not -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'ThresholdExceeded,AsyncIoTools.PowerShell.Commands.GetEventLoopLagCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
    }

    It 'watches several processes at once, one report each' {
        $second = Start-LagTarget
        try {
            $reports = Get-Process -Id $Target.Id, $second.Id | Get-EventLoopLag -Duration 2s -Interval 1s
            $reports | Should -HaveCount 2
            ($reports.ProcessId | Sort-Object) | Should -Be (@($Target.Id, $second.Id) | Sort-Object)
        }
        finally { Stop-LagTarget $second }
    }

    It 'observes an app it starts from its first instruction (-FilePath), startup lag in the first two intervals' {
        $report = Get-EventLoopLag -FilePath (Get-LagTargetPath) -ArgumentList '--mode', 'none', '--startup-burst', '400' -Duration 3s -Interval 1s
        # An item counts in the interval it is served in; a slow runtime start can push the burst into the second.
        $burst = $report.Intervals | Select-Object -First 2 | Where-Object { $_.P99Micros -ge 100000 -and $_.Items -ge 100 } | Select-Object -First 1
        $burst | Should -Not -BeNullOrEmpty -Because 'the startup burst waits hundreds of ms'
        Test-Path "/proc/$($report.ProcessId)" | Should -BeFalse -Because 'the started app is ended with the session'
    }

    It 'refuses -TraceOut for several processes, naming the PowerShell parameters' {
        $second = Start-LagTarget
        try {
            { Get-EventLoopLag -ProcessId $Target.Id, $second.Id -TraceOut 'x.nettrace' -Duration 1s -ErrorAction Stop } |
                Should -Throw -ExpectedMessage '-TraceOut keeps the session of one process; give one -ProcessId' -ErrorId 'InvalidUsage,AsyncIoTools.PowerShell.Commands.GetEventLoopLagCommand'
        }
        finally { Stop-LagTarget $second }
    }

    It 'names a missing process in an ObjectNotFound error' {
        { Get-EventLoopLag -Name 'no-such-process-aiotools' -Duration 1s -ErrorAction Stop } |
            Should -Throw -ErrorId 'NoSuchProcess,AsyncIoTools.PowerShell.Commands.GetEventLoopLagCommand'
    }
}

Describe 'Get-EventLoopLag output' {
    BeforeAll { $script:Report = Get-EventLoopLag -ProcessId $Target.Id -Duration 1s -Interval 500ms }

    It 'shows a table with units, not raw field names' {
        $text = $Report | Out-String -Width 80
        $text | Should -Match 'PID\s+Name\s+Verdict\s+Items\s+P50\s+P99'
        $text | Should -Match '\d(µs|ms|s)\b'
        $text | Should -Not -Match 'P99Micros'
    }

    It 'lists the session in a few lines, not record blobs' {
        $text = $Report | Format-List | Out-String -Width 80
        $text | Should -Match 'Queued from outside'
        $text | Should -Not -Match '\{ Items ='
        ($text -split "`n").Count | Should -BeLessThan 30
    }

    It 'names the PowerShell parameter when the core refuses a value' {
        { Get-EventLoopLag -ProcessId $Target.Id -Interval 10ms -ErrorAction Stop } | Should -Throw -ExpectedMessage '-Interval must be at least 100ms (got 10ms)' -ErrorId 'InvalidUsage,AsyncIoTools.PowerShell.Commands.GetEventLoopLagCommand'
    }
}
