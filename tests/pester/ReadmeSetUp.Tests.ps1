# The README's "Set up" section, line by line as a newcomer runs it: in bash, in a copy of this repository's files,
# with a home of its own (so `dotnet tool install --global` lands in its ~/.dotnet/tools, which is put on PATH as the
# README says, and publish.ps1 -Install registers its repository and installs the module there). Only the sizes are
# cut (connections, duration, trials, warm-up) so that the benchmark lines take seconds. The packages restore from
# this machine's NuGet cache, as on any machine that restored once; nothing else is shared with the developer's home.
# The section's test command (./tests/run-tests.sh) is what runs this file, so it is checked to be CI's, not run.
BeforeDiscovery {
    $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
    $section = [regex]::Match($readme, '(?ms)^## Set up\r?\n(.*?)(?=^## )').Groups[1].Value
    $script:SetUpLines = @([regex]::Matches($section, '(?ms)^```bash\r?\n(.*?)^```') |
        ForEach-Object { $_.Groups[1].Value -split "`n" } |
        ForEach-Object { $_.TrimEnd() } |
        Where-Object { $_ -and -not $_.StartsWith('#') } |
        ForEach-Object { @{ Line = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:TestCommand = './tests/run-tests.sh'
    $script:Scratch = Join-Path $TestDrive 'newcomer'
    $script:Clone = Join-Path $Scratch 'AsyncIoTools'
    $script:NewHome = Join-Path $Scratch 'home'
    $script:Tools = Join-Path $NewHome '.dotnet/tools'
    # The XDG folders must exist: .NET reports a missing one as no folder at all, and PSResourceGet would then keep
    # its repository list in the working directory.
    foreach ($folder in '.config', '.local/share', '.cache') { New-Item -ItemType Directory -Force -Path (Join-Path $NewHome $folder) | Out-Null }

    # The files a clone holds: tracked ones and new ones not ignored, as they are in this working tree.
    $files = @(git -C $RepositoryRoot ls-files --cached --others --exclude-standard)
    if ($LASTEXITCODE -ne 0 -or $files.Count -eq 0) { throw "git ls-files found no files in $RepositoryRoot (the set-up test copies a git work tree)" }
    foreach ($file in $files) {
        $from = Join-Path $RepositoryRoot $file
        if (-not (Test-Path -LiteralPath $from -PathType Leaf)) { continue } # deleted, not yet committed
        $to = Join-Path $Clone $file
        New-Item -ItemType Directory -Force -Path (Split-Path $to -Parent) | Out-Null
        Copy-Item -LiteralPath $from -Destination $to
    }

    $script:NuGetPackages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else {
        ((dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    }

    # Small sizes for the benchmark lines; everything else as written.
    function script:Resize([string] $Line) {
        $Line = $Line -creplace '--connections \d+', '--connections 20' -creplace '--duration \S+', '--duration 300ms' -creplace '--trials \d+', '--trials 1'
        $Line = $Line -creplace '-Connections \d+', '-Connections 20' -creplace '-Duration \S+?s\b', '-Duration 300ms' -creplace '-Trials \d+', '-Trials 1'
        $Line = [regex]::Replace($Line, '(\baiotools bench\b[^&;|]*)', { param($m) $m.Value.TrimEnd() + ' --warmup 200ms' })
        [regex]::Replace($Line, "(Invoke-C10kBenchmark[^']*)", { param($m) $m.Value.TrimEnd() + ' -Warmup 200ms' })
    }

    # Runs one line in bash in the copy, as the newcomer: their home, their tools on PATH (and no one else's), no
    # module path or aiotools settings of this test run.
    function script:Invoke-NewcomerLine([string] $Line) {
        $start = [System.Diagnostics.ProcessStartInfo]::new('bash')
        $start.ArgumentList.Add('-c')
        $start.ArgumentList.Add($Line)
        foreach ($name in @([Environment]::GetEnvironmentVariables().Keys)) {
            if ($name -like 'AIOTOOLS_*' -or $name -eq 'PSModulePath') { $start.Environment.Remove($name) | Out-Null }
        }
        $start.Environment['HOME'] = $NewHome
        $start.Environment['DOTNET_CLI_HOME'] = $NewHome
        $start.Environment['XDG_CONFIG_HOME'] = Join-Path $NewHome '.config'
        $start.Environment['XDG_DATA_HOME'] = Join-Path $NewHome '.local/share'
        $start.Environment['XDG_CACHE_HOME'] = Join-Path $NewHome '.cache'
        $start.Environment['NUGET_PACKAGES'] = $NuGetPackages
        $path = @($env:PATH -split ':' | Where-Object { $_ -and $_ -notlike '*/.dotnet/tools' })
        $start.Environment['PATH'] = (@($Tools) + $path) -join ':'
        $start.Environment['NO_COLOR'] = '1'
        $start.Environment['TERM'] = 'dumb'
        $start.WorkingDirectory = $Clone
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($start)
        try {
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit([TimeSpan]::FromMinutes(10))) {
                $process.Kill($true)
                throw "still running after 10 minutes: $Line"
            }
            $process.WaitForExit()
            [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Error = $stderr.Result }
        }
        finally { $process.Dispose() }
    }

    function script:Assert-EndedWell($Result, [string] $Line) {
        $shown = "$Line`n$($Result.Output)`n$($Result.Error)"
        $Result.ExitCode | Should -Be 0 -Because $shown
        "$($Result.Output)`n$($Result.Error)" | Should -Not -Match '(?m)^\s+at \S+\(|Unhandled exception' -Because $shown
    }
}

Describe "The README's set-up section" {
    It 'is found: an install of the aiotools tool, the main job in bash and in PowerShell, the test command' {
        $lines = @($SetUpLines | ForEach-Object Line)
        $lines | Should -Contain $TestCommand
        @($lines | Where-Object { $_ -match 'dotnet tool install --global aiotools' }) | Should -HaveCount 1
        @($lines | Where-Object { $_ -match '^aiotools bench ' }) | Should -HaveCount 1
        @($lines | Where-Object { $_ -match 'Invoke-C10kBenchmark' }) | Should -HaveCount 1
    }

    It 'has its benchmark lines cut to a few seconds' {
        Resize 'aiotools bench --connections 10000 --duration 3s --trials 3' | Should -BeExactly 'aiotools bench --connections 20 --duration 300ms --trials 1 --warmup 200ms'
        Resize "dotnet pwsh -c 'Invoke-C10kBenchmark -Connections 10000 -Duration 3s -Trials 3'" |
            Should -BeExactly "dotnet pwsh -c 'Invoke-C10kBenchmark -Connections 20 -Duration 300ms -Trials 1 -Warmup 200ms'"
    }

    It 'names as its test command the one CI runs' {
        Get-Content (Join-Path $RepositoryRoot '.ci/run') | Should -Contain $TestCommand
    }
}

Describe "The README's set-up, run by a newcomer" {
    It '<Line>' -ForEach ($SetUpLines | Where-Object { $_.Line -ne './tests/run-tests.sh' }) {
        $command = Resize $Line
        $result = Invoke-NewcomerLine $command
        Assert-EndedWell $result $command
        $shown = "$command`n$($result.Output)`n$($result.Error)"

        if ($Line -match 'dotnet tool install --global aiotools') {
            Join-Path $Tools 'aiotools' | Should -Exist
        }
        if ($Line -match 'publish\.ps1 -Install') {
            Join-Path $NewHome '.local/share/powershell/Modules/AsyncIoTools' | Should -Exist
        }
        if ($Line -match '^aiotools bench ') {
            # The installed tool ran it (the bench names the executable its server workers and load run from).
            $result.Output | Should -Match ([regex]::Escape("jit ($Tools/aiotools)")) -Because $shown
            $file = [regex]::Match($result.Output, '(?m)^result: (\S+)$').Groups[1].Value
            $file | Should -Not -BeNullOrEmpty -Because $shown
            $bench = Get-Content (Join-Path $Clone $file) -Raw | ConvertFrom-Json
            # Every engine this machine runs, measured (the registry's default variants, as the bench picks them).
            $expected = @(Get-IoEngine | Where-Object { $_.Available -and $_.IsDefault } | ForEach-Object Engine | Sort-Object -Unique)
            $expected | Should -Contain 'epoll'
            $measured = @($bench.summary | Where-Object { $_.requestsPerSecond -gt 0 } | ForEach-Object engine | Sort-Object -Unique)
            $measured | Should -Be $expected -Because $shown
        }
        if ($Line -match 'Invoke-C10kBenchmark') {
            $result.Output | Should -Match '(?m)^epoll:level\s+20\s+[\d.]+k/s' -Because $shown
            $result.Output | Should -Match '(?m)^io_uring:default\s+20\s+[\d.]+k/s' -Because $shown
        }
    }
}
