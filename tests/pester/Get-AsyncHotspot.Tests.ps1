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

    It 'snapshots an app that connects to its -DiagnosticPort, once it has run -Duration' {
        $socket = Join-Path ([System.IO.Directory]::CreateTempSubdirectory('aiotools-port-').FullName) 'port.sock'
        $job = Start-ThreadJob { param($module, $socket) Import-Module $module; Get-AsyncHotspot -DiagnosticPort $socket -Duration 2s } -ArgumentList (Join-Path $ModuleFolder 'AsyncIoTools.psd1'), $socket
        try {
            $deadline = (Get-Date).AddSeconds(30)
            while (-not (Test-Path $socket) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $env:DOTNET_DiagnosticPorts = $socket
            try { $app = Start-LagTarget } finally { Remove-Item Env:DOTNET_DiagnosticPorts }
            $hotspots = $job | Wait-Job -Timeout 60 | Receive-Job -ErrorAction Stop
            $hotspots | Should -Not -BeNullOrEmpty
            $hotspots[0].ProcessId | Should -Be $app.Id
        }
        finally {
            $job | Remove-Job -Force
            Stop-LagTarget $app
        }
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
