BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Wait-Incident' {
    It 'writes an incident when a process starts blocking, naming the method in its first line' {
        $target = Start-LagTarget -Mode 'none'
        $blocking = Start-LagTarget -Mode 'heavy-sleep'
        $blockingId = $blocking.Id
        try {
            $incident = Get-Process -Id $blocking.Id | Wait-Incident -For 2s -Capture 2s -OutputPath (Join-Path $TestDrive 'incidents') -Duration 60s | Select-Object -First 1
        }
        finally {
            Stop-LagTarget $blocking
            Stop-LagTarget $target
        }
        $incident | Should -BeOfType ([AsyncIoTools.PowerShell.Output.IncidentRecord])
        $incident.ProcessId | Should -Be $blockingId
        (Get-Content $incident.Report -TotalCount 1) | Should -Match 'AuditLog\.WriteSync'
        Test-Path $incident.TraceFile | Should -BeTrue
        Test-Path $incident.HlogFile | Should -BeTrue
        @(Get-ChildItem -Force (Join-Path $TestDrive 'incidents') | Where-Object Name -like '.*') | Should -HaveCount 0 -Because 'nothing half-written is left'
    }

    It 'ends with a TargetExited error when the process exits' {
        $target = Start-LagTarget
        $null = Start-ThreadJob { param($t) Start-Sleep 3; $t.StandardInput.Close() } -ArgumentList $target
        { Wait-Incident -ProcessId $target.Id -OutputPath (Join-Path $TestDrive 'gone') -ErrorAction Stop } | Should -Throw -ErrorId 'TargetExited,AsyncIoTools.PowerShell.Commands.WaitIncidentCommand'
        Get-Job | Remove-Job -Force
    }

    It 'names the PowerShell parameter when every rule is off' {
        { Wait-Incident -ProcessId $PID -P99Over 0 -OldestOver 0 -Duration 1s -ErrorAction Stop } | Should -Throw -ExpectedMessage 'every rule is off: give -P99Over, -OldestOver or -ThreadsClimb'
    }
}
