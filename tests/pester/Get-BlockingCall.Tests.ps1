BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Target = Start-LagTarget -Mode 'sync-over-async'
}
AfterAll { Stop-LagTarget $Target }

Describe 'Get-BlockingCall' {
    It 'finds the sync-over-async site of a misbehaving process' {
        $sites = Get-BlockingCall -ProcessId $Target.Id -Duration 3s
        $sites | Should -Not -BeNullOrEmpty
        $sites[0] | Should -BeOfType ([AsyncIoTools.Diagnostics.Blocking.BlockingSite])
        $sites.Kind | Should -Contain 'SyncOverAsync'
        ($sites | Sort-Object BlockedMilliseconds -Descending)[0].BlockedMilliseconds | Should -BeGreaterThan 0
    }

    It 'limits the sites with -Top' {
        @(Get-BlockingCall -ProcessId $Target.Id -Duration 2s -Top 1).Count | Should -BeLessOrEqual 1
    }
}
