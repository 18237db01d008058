BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Target = Start-LagTarget -Mode 'sync-over-async'
}
AfterAll { Stop-LagTarget $Target }

Describe 'Get-BlockingCall' {
    It 'finds the sync-over-async site of a misbehaving process' {
        $sites = Get-BlockingCall -ProcessId $Target.Id -Duration 3s
        $sites | Should -Not -BeNullOrEmpty
        $sites[0] | Should -BeOfType ([AsyncIoTools.PowerShell.Output.BlockingCallSite])
        $site = $sites | Where-Object Kind -eq 'sync-over-async' | Select-Object -First 1
        $site | Should -Not -BeNullOrEmpty
        $site.Waits | Should -BeGreaterThan 0 -Because 'blocking calls seen to start are counted apart from profiler samples'
        ($sites | Format-Table | Out-String) | Should -Match 'Waits\s+Samples\s+Blocked'
        ($sites | Sort-Object BlockedMilliseconds -Descending)[0].BlockedMilliseconds | Should -BeGreaterThan 0
    }

    It 'names the blocking method of an app it starts (-FilePath)' {
        $sites = Get-BlockingCall -FilePath (Get-LagTargetPath) -ArgumentList '--mode', 'sync-over-async' -Duration 3s
        $sites.Method -join ' ' | Should -Match 'InventoryClient\.GetStockSync'
    }

    It 'limits the sites with -Top' {
        @(Get-BlockingCall -ProcessId $Target.Id -Duration 2s -Top 1).Count | Should -BeLessOrEqual 1
    }
}
