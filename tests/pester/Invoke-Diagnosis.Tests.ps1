BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Invoke-Diagnosis' {
    It 'says a healthy process is healthy' {
        $target = Start-LagTarget
        # A process in its first seconds is still tiering its code up (the JIT's worker shares the CPUs with the
        # pool), so it really lags a little: diagnose the target warmed up, as a user diagnoses a running service.
        Start-Sleep -Seconds 3
        try { $result = Invoke-Diagnosis -ProcessId $target.Id -Duration 3s }
        finally { Stop-LagTarget $target }
        $result | Should -BeOfType ([AsyncIoTools.PowerShell.Output.DiagnosisResult])
        $result.Verdict | Should -Be 'Healthy'
        $result.Headline | Should -Match '^healthy: p99'
        $result.Lag.Items | Should -BeGreaterThan 0
    }

    It 'names the blocking method of a starved process first, with the evidence' {
        $target = Start-LagTarget -Mode 'heavy-sleep'
        try { $result = Get-Process -Id $target.Id | Invoke-Diagnosis -Duration 4s }
        finally { Stop-LagTarget $target }
        $result.Verdict | Should -BeIn 'Lagging', 'Starved'
        $result.Headline | Should -Match 'cause: sleep in AsyncIoTools\.LagTarget\.AuditLog\.WriteSync'
        $result.Blocking[0].Kind | Should -Be 'sleep'
        $result.Hotspots.Count | Should -BeGreaterThan 0
        ($result | Out-String -Width 120) | Should -Match 'PID\s+Verdict\s+Headline'
    }

    It 'refuses a process that is not .NET, as Get-EventLoopLag does' {
        $plain = Start-Process sleep 30 -PassThru
        try { { Invoke-Diagnosis -ProcessId $plain.Id -Duration 1s -ErrorAction Stop } | Should -Throw -ErrorId 'NotDotNetProcess,AsyncIoTools.PowerShell.Commands.InvokeDiagnosisCommand' }
        finally { $plain | Stop-Process }
    }
}
