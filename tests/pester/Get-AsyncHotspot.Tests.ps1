BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Target = Start-LagTarget
}
AfterAll { Stop-LagTarget $Target }

Describe 'Get-AsyncHotspot' {
    It 'groups the pending async calls of a live process by method' {
        $hotspots = Get-AsyncHotspot -ProcessId $Target.Id
        $hotspots | Should -Not -BeNullOrEmpty
        $hotspots[0] | Should -BeOfType ([AsyncIoTools.PowerShell.Output.AsyncHotspot])
        $hotspots[0].ProcessId | Should -Be $Target.Id
        $hotspots[0].States | Should -Match '×'
        $hotspots[0].Pending | Should -BeGreaterThan 0
        $hotspots.DeclaringType -join ' ' | Should -Match 'AsyncIoTools.LagTarget'
    }

    It 'stops a heap walk that outlasts -Timeout, and the target runs on' {
        { Get-AsyncHotspot -ProcessId $Target.Id -Timeout 1ms -ErrorAction Stop } | Should -Throw -ExpectedMessage '*could not walk the heap*'
        (Get-Process -Id $Target.Id).HasExited | Should -BeFalse
        Get-AsyncHotspot -ProcessId $Target.Id | Should -Not -BeNullOrEmpty
    }

    It 'times async calls with -Trace and says what it cost' {
        $timings = Get-AsyncHotspot -ProcessId $Target.Id -Trace -Duration 2s -WarningVariable cost -WarningAction SilentlyContinue
        $timings | Should -Not -BeNullOrEmpty
        $timings[0] | Should -BeOfType ([AsyncIoTools.PowerShell.Output.AsyncCallTime])
        $cost | Should -Match 'CPU'
    }
}
