# The README's "Set up" section, line by line as a newcomer runs it: in bash, in a copy of this repository's files,
# with a home of its own (so `dotnet tool install --global` lands in its ~/.dotnet/tools, which is put on PATH as the
# README says, and publish.ps1 -Install registers its repository and installs the module there). Only the sizes are
# cut (connections, duration, trials, warm-up) so that the benchmark lines take seconds. Packages restore into this
# machine's NuGet cache (NUGET_PACKAGES), as on any machine that restored once, and the NuGet sources are NuGet's
# defaults, as in a new home: the tool install asks them as well as the README's folder feed. Nothing else is shared
# with the developer's home. The section's test command (./tests/run-tests.sh) is what runs this file, so it is
# checked to be CI's, not run. All the lines together get 12 minutes (a cold Release build of the CLI and the module
# on 2 busy cores takes 1-2).
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
    New-Item -ItemType Directory -Force -Path $Scratch | Out-Null
    $script:Deadline = [DateTime]::UtcNow.AddMinutes(12)

    # The files a clone holds: tracked ones and new ones not ignored, as they are in this working tree.
    $null = Get-Command git -ErrorAction Stop
    $gitErrors = Join-Path $Scratch 'git-ls-files.err'
    $listed = git -C $RepositoryRoot ls-files -z --cached --others --exclude-standard 2> $gitErrors
    if ($LASTEXITCODE -ne 0) { throw "git ls-files failed in $RepositoryRoot (the set-up test copies a git work tree): $(Get-Content -Raw $gitErrors)" }
    $files = @(($listed -join "`n") -split "`0" | Where-Object { $_ })
    if ($files.Count -eq 0) { throw "git ls-files found no files in $RepositoryRoot" }
    foreach ($file in $files) {
        $from = Join-Path $RepositoryRoot $file
        if (-not (Test-Path -LiteralPath $from -PathType Leaf)) { continue } # deleted, not yet committed
        $to = Join-Path $Clone $file
        New-Item -ItemType Directory -Force -Path (Split-Path $to -Parent) | Out-Null
        Copy-Item -LiteralPath $from -Destination $to
    }

    $script:NuGetPackages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else {
        $locals = @(dotnet nuget locals global-packages --list)
        $folder = $locals | Where-Object { $_ -match '^global-packages:\s*(\S.*)$' } | ForEach-Object { $Matches[1].Trim() } | Select-Object -First 1
        if ($LASTEXITCODE -ne 0 -or -not $folder) { throw "dotnet nuget locals named no global-packages folder: $($locals -join ' ')" }
        $folder
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
        Set-ScratchHome $start $NewHome
        $start.Environment['DOTNET_CLI_HOME'] = $NewHome
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
            $left = $Deadline - [DateTime]::UtcNow
            if ($left -le [TimeSpan]::Zero -or -not $process.WaitForExit($left)) {
                $process.Kill($true)
                throw "the set-up lines ran past their 12 minutes, in: $Line"
            }
            $process.WaitForExit()
            # A child left behind holding the pipes would keep the readers waiting for ever.
            if (-not [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]]@($stdout, $stderr), [TimeSpan]::FromMinutes(1))) {
                throw "something the line started still holds its output a minute after it ended: $Line"
            }
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
            # A row with a rate for every engine this machine runs.
            $expected = @(Get-IoEngine | Where-Object { $_.Available -and $_.IsDefault } | ForEach-Object Engine | Sort-Object -Unique)
            $expected | Should -Contain 'epoll'
            foreach ($engine in $expected) {
                $result.Output | Should -Match "(?m)^$([regex]::Escape($engine)):\S+\s+20\s+[\d.]+k?/s" -Because $shown
            }
        }
    }
}
