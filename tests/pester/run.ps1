#Requires -Version 7.6
# Runs the Pester suite of the AsyncIoTools module (one <Cmdlet>.Tests.ps1 per cmdlet, Conventions, the README's and
# the help's examples, installing by name) against the laid-out module; tests/pester/run.sh starts it in the pinned
# pwsh with Pester 5.7.1 on PSModulePath. Prints Pester's summary and a plain "N passed, N failed" line; exits
# non-zero when anything failed, did not run (a file that does not parse, a failing BeforeAll) or nothing ran.
param(
    [string] $ResultsDirectory = (Join-Path $PSScriptRoot '../../artifacts/test-results'),
    [string[]] $Path = @($PSScriptRoot)
)
$ErrorActionPreference = 'Stop'
# pwsh -File passes "a,b" as one string.
$Path = @($Path | ForEach-Object { $_ -split ',' } | Where-Object { $_ })

$pester = Get-Module -ListAvailable -Name Pester | Where-Object Version -eq ([version]'5.7.1') | Select-Object -First 1
if ($null -eq $pester) {
    Write-Error 'Pester 5.7.1 is not on PSModulePath (tests/pester/install.sh lays it out; tests/pester/run.sh puts it there)'
    exit 3
}

$configuration = if ($env:CONFIGURATION) { $env:CONFIGURATION } else { 'Release' }
$module = if ($env:AIOTOOLS_MODULE) { $env:AIOTOOLS_MODULE } else { Join-Path $PSScriptRoot "../../artifacts/module/$configuration/AsyncIoTools" }
if (-not (Test-Path (Join-Path $module 'AsyncIoTools.psd1'))) {
    Write-Error "no laid-out module in ${module}: run 'dotnet build module/AsyncIoTools.PowerShell -c $configuration' first"
    exit 3
}

Import-Module $pester -Force
New-Item -ItemType Directory -Force -Path $ResultsDirectory | Out-Null
$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = Join-Path $ResultsDirectory 'pester.xml'
$run = Invoke-Pester -Configuration $config
if ($null -eq $run) {
    Write-Error 'Pester returned no result'
    exit 1
}

# Containers that failed to run (a parse error, a failing BeforeAll) and failed blocks count as failures too.
$failed = $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount
"Pester $($pester.Version) in PowerShell $($PSVersionTable.PSVersion): $($run.TotalCount) tests, $($run.PassedCount) passed, $($run.FailedCount) failed, $($run.SkippedCount) skipped, $($run.NotRunCount) not run; $($run.FailedContainersCount) files and $($run.FailedBlocksCount) blocks failed"
"pester: $($run.PassedCount) passed, $failed failed, $($run.SkippedCount) skipped"
if ($failed -gt 0 -or $run.PassedCount -eq 0 -or $run.Result -ne 'Passed') {
    exit 1
}
exit 0
