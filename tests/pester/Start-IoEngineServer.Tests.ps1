BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Start-IoEngineServer' {
    AfterEach { Get-Job | Where-Object PSJobTypeName -eq 'IoEngineServer' | Remove-Job -Force }

    It 'starts a server from the module folder and returns it as a job' {
        $server = Start-IoEngineServer -Engine epoll -Port 0
        $server | Should -BeOfType ([AsyncIoTools.PowerShell.Servers.IoEngineServerJob])
        $server.JobStateInfo.State | Should -Be 'Running'
        $server.Target | Should -Match '^127\.0\.0\.1:\d+$'
        Get-Job -Id $server.Id | Should -Not -BeNullOrEmpty
        (Invoke-WebRequest -Uri "http://$($server.Target)/" -UseBasicParsing).Content | Should -Be 'Hello, World!'
        Stop-IoEngineServer $server
    }

    It 'starts nothing with -WhatIf' {
        $before = @(Get-Job).Count
        Start-IoEngineServer -Engine epoll -Port 0 -WhatIf | Should -BeNullOrEmpty
        @(Get-Job).Count | Should -Be $before
        (Get-Command Start-IoEngineServer).Parameters.Keys | Should -Contain 'Confirm'
    }

    It 'serves files from io_uring without -Transfer (its own zero-copy path, splice through the ring)' {
        $root = Join-Path ([System.IO.Path]::GetTempPath()) "aiotools-pester-files-$PID"
        New-Item -ItemType Directory -Force -Path $root | Out-Null
        Set-Content -Path (Join-Path $root 'hello.txt') -Value 'served by the ring' -NoNewline
        try {
            $server = Start-IoEngineServer -Engine io_uring -Protocol File -Root $root -Port 0
            $body = (Invoke-WebRequest -Uri "http://$($server.Target)/hello.txt" -UseBasicParsing).RawContentStream.ToArray()
            [System.Text.Encoding]::ASCII.GetString($body) | Should -Be 'served by the ring'
            Stop-IoEngineServer $server
        }
        finally { Remove-Item -Recurse -Force $root }
    }

    It 'serves its connections with the congestion control asked (-CongestionControl)' {
        $default = (Get-Content /proc/sys/net/ipv4/tcp_congestion_control).Trim()
        $control = if ($default -eq 'reno') { 'cubic' } else { 'reno' }
        $server = Start-IoEngineServer -Engine epoll -Port 0 -CongestionControl $control
        $client = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $server.EndPoint.Port)
        try {
            $filter = "( sport = :$($server.EndPoint.Port) and dport = :$($client.Client.LocalEndPoint.Port) )"
            $serverEnd = ss -tinH state established $filter
            $LASTEXITCODE | Should -Be 0
            -split ($serverEnd -join ' ') | Should -Contain $control
            -split ($serverEnd -join ' ') | Should -Not -Contain $default
        }
        finally { $client.Dispose(); Stop-IoEngineServer $server }
    }

    It 'refuses a congestion control the kernel lacks, naming the ones it has' {
        $available = (Get-Content /proc/sys/net/ipv4/tcp_available_congestion_control).Trim() -split '\s+'
        $failure = { Start-IoEngineServer -Port 0 -CongestionControl nosuchcc -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidUsage,AsyncIoTools.PowerShell.Commands.StartIoEngineServerCommand' -PassThru
        $failure.Exception.Message | Should -BeLike "this kernel has no TCP congestion control 'nosuchcc' (-CongestionControl); it has: $($available -join ', ')*"
        @(Get-Job | Where-Object PSJobTypeName -eq 'IoEngineServer') | Should -HaveCount 0
    }

    It 'completes -CongestionControl with the kernel''s controls' {
        $line = 'Start-IoEngineServer -CongestionControl '
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $available = (Get-Content /proc/sys/net/ipv4/tcp_available_congestion_control).Trim() -split '\s+'
        $offered | Sort-Object | Should -Be ($available | Sort-Object)
    }

    It 'reports a taken port as an error with its own id' {
        $first = Start-IoEngineServer -Port 0
        { Start-IoEngineServer -Port $first.EndPoint.Port -ErrorAction Stop } |
            Should -Throw -ErrorId 'AddressInUse,AsyncIoTools.PowerShell.Commands.StartIoEngineServerCommand'
        Stop-IoEngineServer $first
    }
}
