#Requires -Version 7.0
# Runs the Pester suite of the AsyncIoTools module (one <Cmdlet>.Tests.ps1 per cmdlet plus Conventions.Tests.ps1)
# against the laid-out module: build first (dotnet build AsyncIoTools.sln -c Release lays it out).
# Without Pester 5 or PowerShell 7.6 it says loudly that nothing ran, and exits 0 unless REQUIRE_PESTER=1.
param(
    [string] $ResultsDirectory = (Join-Path $PSScriptRoot '../../artifacts/test-results')
)
$ErrorActionPreference = 'Stop'

function Write-NotRun([string] $Why) {
    $line = '#' * 100
    Write-Host $line -ForegroundColor Yellow
    Write-Host "### PESTER TESTS WERE NOT RUN: $Why" -ForegroundColor Yellow
    Write-Host '### Nothing about the module''s cmdlets was tested in PowerShell; do not read this as a pass.' -ForegroundColor Yellow
    Write-Host $line -ForegroundColor Yellow
    exit ($env:REQUIRE_PESTER -eq '1' ? 3 : 0)
}

if ($PSVersionTable.PSVersion -lt [version]'7.6') {
    Write-NotRun "PowerShell $($PSVersionTable.PSVersion) is older than 7.6; the module is a net10.0 assembly and needs pwsh on .NET 10."
}

$pester = Get-Module -ListAvailable -Name Pester | Where-Object Version -ge ([version]'5.0') | Sort-Object Version -Descending | Select-Object -First 1
if ($null -eq $pester) {
    Write-NotRun 'Pester 5 is not installed (Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser).'
}

$configuration = if ($env:CONFIGURATION) { $env:CONFIGURATION } else { 'Release' }
$module = if ($env:AIOTOOLS_MODULE) { $env:AIOTOOLS_MODULE } else { Join-Path $PSScriptRoot "../../artifacts/module/$configuration/AsyncIoTools" }
if (-not (Test-Path (Join-Path $module 'AsyncIoTools.psd1'))) {
    throw "no laid-out module in $module: run 'dotnet build module/AsyncIoTools.PowerShell -c $configuration' first"
}

Import-Module $pester -Force
New-Item -ItemType Directory -Force -Path $ResultsDirectory | Out-Null
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.Exit = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = Join-Path $ResultsDirectory 'pester.xml'
Invoke-Pester -Configuration $config
