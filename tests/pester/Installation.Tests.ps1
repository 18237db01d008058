# Installing as a user would, each in a child process with a home of its own (so the PSResource repository it
# registers and the modules it installs land in a scratch folder, not in the user's profile):
#   - the module, published to a local PSResource folder repository and installed from it by name
#     (module/publish.ps1 -Install, and Save-PSResource), then Import-Module AsyncIoTools with no path.
# The aiotools CLI's install as a dotnet tool is the README's first set-up line: ReadmeSetUp.Tests.ps1 runs it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # This very pwsh: run as a dotnet tool, its process is the dotnet host running $PSHOME/pwsh.dll.
    $script:Pwsh = [Environment]::ProcessPath
    $script:PwshArguments = if ((Split-Path $Pwsh -Leaf) -like 'dotnet*') { @('exec', (Join-Path $PSHOME 'pwsh.dll')) } else { @() }
    $script:ScratchHome = Join-Path $TestDrive 'home'

    # Runs pwsh with its own home and a PSModulePath that holds only PowerShell's own modules and the user's.
    function script:Invoke-Pwsh([string] $Script) {
        $start = [System.Diagnostics.ProcessStartInfo]::new($Pwsh)
        foreach ($argument in $PwshArguments + @('-NoLogo', '-NoProfile', '-NonInteractive', '-Command', $Script)) { $start.ArgumentList.Add($argument) }
        Set-ScratchHome $start $ScratchHome
        $start.Environment['DOTNET_CLI_HOME'] = [Environment]::GetFolderPath('UserProfile')
        $start.Environment.Remove('PSModulePath') | Out-Null
        $start.Environment['NO_COLOR'] = '1'
        $start.Environment['TERM'] = 'dumb'
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.WorkingDirectory = $RepositoryRoot
        $process = [System.Diagnostics.Process]::Start($start)
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout; Error = $stderr.Result -replace "`e\[[0-9;]*m", '' }
    }
}

Describe 'Installing the module from a local PSResource repository' {
    BeforeAll {
        $script:Repository = Join-Path $TestDrive 'psrepository'
        $script:Installed = Invoke-Pwsh @"
`$ErrorActionPreference = 'Stop'
& ./module/publish.ps1 -NoBuild -Configuration $Configuration -RepositoryPath '$Repository' -RepositoryName AsyncIoToolsTest -Install *> `$null
Import-Module AsyncIoTools
`$module = Get-Module AsyncIoTools
`$server = Start-IoEngineServer -Engine epoll -Port 0
`$load = Invoke-LoadTest -Target `$server.Target -Connections 4 -Duration 300ms -Warmup 0s
`$server | Stop-IoEngineServer
[pscustomobject]@{
    Base = `$module.ModuleBase
    Version = `$module.Version.ToString()
    Commands = @(Get-Command -Module AsyncIoTools).Count
    Requests = `$load.Requests
    TypeLiteral = [AsyncIoTools.PowerShell.Output.LoadTestResult].FullName
    Found = @(Find-PSResource -Name AsyncIoTools -Repository AsyncIoToolsTest).Count
} | ConvertTo-Json -Compress
"@
    }

    It 'publishes, installs by name and imports with no path' {
        $Installed.Error | Should -BeNullOrEmpty
        $Installed.ExitCode | Should -Be 0
        $Repository | Should -Exist
        Get-ChildItem $Repository -Filter 'AsyncIoTools.*.nupkg' | Should -HaveCount 1
        $result = $Installed.Output | ConvertFrom-Json
        $result.Found | Should -Be 1
        $result.Base | Should -BeLike "$ScratchHome/*"
        $result.Base | Should -Not -BeLike "$RepositoryRoot*"
        $result.Version | Should -Be (Import-PowerShellDataFile (Join-Path $ModuleFolder 'AsyncIoTools.psd1')).ModuleVersion
        $result.Commands | Should -Be @((Import-PowerShellDataFile (Join-Path $ModuleFolder 'AsyncIoTools.psd1')).CmdletsToExport).Count
        $result.TypeLiteral | Should -Be 'AsyncIoTools.PowerShell.Output.LoadTestResult'
    }

    It 'runs servers from the installed copy (the aiotools apphost loses its execute bit in a nupkg)' {
        ($Installed.Output | ConvertFrom-Json).Requests | Should -BeGreaterThan 0
    }

    It 'saves into a folder with Save-PSResource, and imports from there by name' {
        $saved = Join-Path $TestDrive 'saved'
        $result = Invoke-Pwsh @"
`$ErrorActionPreference = 'Stop'
New-Item -ItemType Directory -Force '$saved' | Out-Null
Save-PSResource -Name AsyncIoTools -Repository AsyncIoToolsTest -Path '$saved' -TrustRepository -Quiet
`$env:PSModulePath = '$saved' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module AsyncIoTools
(Get-Module AsyncIoTools).ModuleBase
(Get-IoEngine -Name epoll | Select-Object -First 1).Engine
"@
        $result.Error | Should -BeNullOrEmpty
        $lines = $result.Output.Trim() -split "`n"
        $lines[0].Trim() | Should -BeLike "$saved/AsyncIoTools*"
        $lines[1].Trim() | Should -Be 'epoll'
    }
}
