#Requires -Version 7.6
<#
.SYNOPSIS
Publishes the AsyncIoTools module to a local PSResource folder repository and, with -Install, installs it from
there by name, so that Import-Module AsyncIoTools works with no path.

.DESCRIPTION
Builds the module (dotnet build module/AsyncIoTools.PowerShell, which lays it out in artifacts/module/CONFIGURATION),
registers the folder -RepositoryPath as the PSResource repository -RepositoryName (trusted; PSResourceGet works
offline against a folder), publishes the laid-out module into it as AsyncIoTools.VERSION.nupkg, and with -Install
runs Install-PSResource -Name AsyncIoTools for the current user. A version already in the repository is replaced.

.EXAMPLE
dotnet pwsh module/publish.ps1 -Install

Builds, publishes to artifacts/psrepository and installs; then in any pwsh 7.6: Import-Module AsyncIoTools.
#>
param(
    [string] $Configuration = 'Release',
    [string] $RepositoryPath = (Join-Path $PSScriptRoot '../artifacts/psrepository'),
    [string] $RepositoryName = 'AsyncIoToolsLocal',
    [switch] $NoBuild,
    [switch] $Install
)
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
if (-not $NoBuild) {
    dotnet build (Join-Path $root 'module/AsyncIoTools.PowerShell') -c $Configuration --nologo -v quiet
    if ($LASTEXITCODE -ne 0) { throw "the module did not build (exit $LASTEXITCODE)" }
}

$module = Join-Path $root "artifacts/module/$Configuration/AsyncIoTools"
$version = (Import-PowerShellDataFile (Join-Path $module 'AsyncIoTools.psd1')).ModuleVersion
New-Item -ItemType Directory -Force -Path $RepositoryPath | Out-Null
$RepositoryPath = (Resolve-Path $RepositoryPath).Path
$registered = Get-PSResourceRepository -Name $RepositoryName -ErrorAction SilentlyContinue
if ($registered -and $registered.Uri.LocalPath.TrimEnd('/') -ne $RepositoryPath.TrimEnd('/')) {
    Set-PSResourceRepository -Name $RepositoryName -Uri $RepositoryPath -Trusted
}
elseif (-not $registered) {
    Register-PSResourceRepository -Name $RepositoryName -Uri $RepositoryPath -Trusted
}

Remove-Item (Join-Path $RepositoryPath "AsyncIoTools.$version.nupkg") -ErrorAction SilentlyContinue
Publish-PSResource -Path $module -Repository $RepositoryName
Write-Host "AsyncIoTools $version published to $RepositoryPath (repository $RepositoryName)"
if ($Install) {
    Install-PSResource -Name AsyncIoTools -Version $version -Repository $RepositoryName -Reinstall -TrustRepository -Quiet
    Write-Host "AsyncIoTools $version installed: Import-Module AsyncIoTools"
}
