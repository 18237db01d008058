# The module as PowerShell sees it: every exported command against the conventions, the manifest and the help.
BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

BeforeDiscovery {
    $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../AsyncIoTools.psd1')
    $script:Exported = $manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } }
}

Describe 'The AsyncIoTools module' {
    It 'exports exactly the cmdlets its manifest lists' {
        $manifest = Import-PowerShellDataFile (Join-Path $ModuleFolder 'AsyncIoTools.psd1')
        (Get-Command -Module AsyncIoTools).Name | Sort-Object | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'runs on PowerShell 7.6 or later' {
        (Get-Module AsyncIoTools).PowerShellVersion | Should -Be ([version]'7.6')
        $PSVersionTable.PSVersion | Should -BeGreaterOrEqual ([version]'7.6')
    }

    It 'has a test file per cmdlet' {
        foreach ($command in Get-Command -Module AsyncIoTools) {
            Join-Path $PSScriptRoot "$($command.Name).Tests.ps1" | Should -Exist
        }
    }
}

Describe '<Name>' -ForEach $Exported {
    BeforeAll { $script:Command = Get-Command -Name $Name -Module AsyncIoTools }

    It 'is a cmdlet with an approved verb' {
        $Command.CommandType | Should -Be 'Cmdlet'
        (Get-Verb).Verb | Should -Contain $Command.Verb
    }

    It 'declares its output type' {
        $Command.OutputType | Should -Not -BeNullOrEmpty
    }

    It 'has help with a synopsis, a description and an example' {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\S+-\S+ \[' # not the generated syntax stand-in
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
    }

    It 'documents every parameter' {
        $help = Get-Help $Name -Full
        $documented = @($help.Parameters.Parameter | ForEach-Object Name)
        foreach ($parameter in $Command.Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters }) {
            $documented | Should -Contain $parameter
        }
    }
}
