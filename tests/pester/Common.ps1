# Dot-sourced by every *.Tests.ps1 (in BeforeAll): imports the laid-out module and offers the test targets.
# The module folder is $env:AIOTOOLS_MODULE, or artifacts/module/$env:CONFIGURATION (default Release)/AsyncIoTools.
Set-StrictMode -Version Latest
$script:RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:Configuration = if ($env:CONFIGURATION) { $env:CONFIGURATION } else { 'Release' }
$script:ModuleFolder = if ($env:AIOTOOLS_MODULE) { $env:AIOTOOLS_MODULE } else { Join-Path $RepositoryRoot "artifacts/module/$Configuration/AsyncIoTools" }
$script:FixtureResult = Join-Path $RepositoryRoot 'tests/AsyncIoTools.Reports.Tests/Fixtures/sample-bench.json'
Import-Module (Join-Path $ModuleFolder 'AsyncIoTools.psd1') -Force -ErrorAction Stop

# The lag target's binary, for the cmdlets' -FilePath.
function Get-LagTargetPath {
    Join-Path $RepositoryRoot "tests/targets/AsyncIoTools.LagTarget/bin/$Configuration/net10.0/AsyncIoTools.LagTarget"
}

# Starts the misbehaving diagnostics target (it exits when its standard input closes) and waits for its ready line.
function Start-LagTarget {
    param([string] $Mode = 'none', [string[]] $ArgumentList = @())
    $path = Get-LagTargetPath
    $start = [System.Diagnostics.ProcessStartInfo]::new($path)
    $start.ArgumentList.Add('--mode')
    $start.ArgumentList.Add($Mode)
    foreach ($argument in $ArgumentList) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $ready = $process.StandardOutput.ReadLine()
    if ($ready -notmatch 'ready') { throw "the lag target did not start: $ready" }
    $process
}

function Stop-LagTarget {
    param([System.Diagnostics.Process] $Process)
    if ($null -eq $Process) { return }
    $Process.StandardInput.Close()
    if (-not $Process.WaitForExit(10000)) { $Process.Kill() }
    $Process.Dispose()
}

# The aiotools processes (servers, load shards) descended from this pwsh, by process id.
function Get-AiotoolsProcess {
    $parents = @{}
    $commands = @{}
    foreach ($entry in Get-ChildItem /proc -Directory | Where-Object Name -match '^\d+$') {
        try {
            $stat = Get-Content -Raw (Join-Path $entry.FullName 'stat') -ErrorAction Stop
            $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
            if ($fields[0] -eq 'Z') { continue }
            $parents[[int]$entry.Name] = [int]$fields[1]
            $commands[[int]$entry.Name] = (Get-Content -Raw (Join-Path $entry.FullName 'cmdline') -ErrorAction Stop) -replace "`0", ' '
        }
        catch { }
    }
    foreach ($id in $commands.Keys) {
        if ($commands[$id] -notmatch 'aiotools') { continue }
        for ($current = $id; $parents.ContainsKey($current) -and $parents[$current] -gt 1; $current = $parents[$current]) {
            if ($parents[$current] -eq $PID) { $id; break }
        }
    }
}

# A home of its own for a child process: HOME and the XDG folders in $Path. The XDG folders must exist: .NET reports
# a missing one as no folder at all, and PSResourceGet would then keep its repository list in the working directory.
function Set-ScratchHome {
    param([System.Diagnostics.ProcessStartInfo] $Start, [string] $Path)
    $folders = @{ XDG_CONFIG_HOME = '.config'; XDG_DATA_HOME = '.local/share'; XDG_CACHE_HOME = '.cache' }
    $Start.Environment['HOME'] = $Path
    foreach ($variable in $folders.Keys) {
        $folder = New-Item -ItemType Directory -Force -Path (Join-Path $Path $folders[$variable])
        $Start.Environment[$variable] = $folder.FullName
    }
}
