# Every PowerShell example of the README and of the cmdlets' help runs here, so the docs cannot rot: each in a fresh
# runspace that imports the module by name, in a scratch folder holding the files the examples name, with small
# durations and counts, and with the test's own target process and server standing in for "4242", "MyService" and
# "127.0.0.1:8080". An example that streams until Ctrl+C (-Watch) is stopped after a few seconds, as a person would.
BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $readme = Get-Content (Join-Path $root 'README.md') -Raw
    $blocks = [regex]::Matches($readme, '(?ms)^```powershell\r?\n(.*?)^```')
    $script:ReadmeExamples = for ($i = 0; $i -lt $blocks.Count; $i++) {
        $code = $blocks[$i].Groups[1].Value
        @{ Name = "README block $($i + 1): $(($code -split "`n")[0].Trim())"; Code = $code }
    }

    $configuration = if ($env:CONFIGURATION) { $env:CONFIGURATION } else { 'Release' }
    $module = if ($env:AIOTOOLS_MODULE) { $env:AIOTOOLS_MODULE } else { Join-Path $root "artifacts/module/$configuration/AsyncIoTools" }
    Import-Module (Join-Path $module 'AsyncIoTools.psd1') -Force
    $script:HelpExamples = foreach ($command in Get-Command -Module AsyncIoTools) {
        foreach ($example in (Get-Help $command.Name -Examples).Examples.Example) {
            @{ Name = "$($command.Name) $($example.title.Trim(' -'))"; Code = $example.code }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Target = Start-LagTarget
    $script:Server = Start-IoEngineServer -Engine epoll -Port 0
    $script:ChildrenBefore = @(Get-AiotoolsProcess)

    # The files the examples read: result files (results/, and base/ and baseline/ as baselines equal to them) and a scenario file.
    $script:Work = Join-Path $TestDrive 'work'
    foreach ($folder in 'results', 'base', 'baseline') {
        New-Item -ItemType Directory -Path (Join-Path $Work $folder) | Out-Null
        Copy-Item $FixtureResult (Join-Path $Work "$folder/fixture.json")
    }
    Copy-Item (Join-Path $RepositoryRoot 'benchmarks/scenarios/nagle.json') (Join-Path $Work 'my-scenario.json')

    # Import-Module AsyncIoTools by name, as after Install-PSResource.
    $script:SavedModulePath = $env:PSModulePath
    $env:PSModulePath = (Split-Path $ModuleFolder -Parent) + [IO.Path]::PathSeparator + $env:PSModulePath

    function script:Resize([string] $Code) {
        $Code = $Code -replace '\b4242\b', $Target.Id
        $Code = $Code -replace 'Get-Process -Name (MyService|OrderService)', "Get-Process -Id $($Target.Id)"
        $Code = $Code -replace "Get-DotNetProcess -Name '(MyService|OrderService)\*'", "Get-DotNetProcess | Where-Object ProcessId -eq $($Target.Id)"
        $Code = $Code -replace '-Name (MyService|OrderService)', "-ProcessId $($Target.Id)"
        $Code = $Code -replace '-FilePath dotnet -ArgumentList app\.dll', "-FilePath '$(Get-LagTargetPath)' -ArgumentList '--mode','none'"
        $Code = $Code -replace '127\.0\.0\.1:8080', $Server.Target
        $Code = $Code -replace '-Duration \d+(\.\d+)?s\b', '-Duration 1s'
        $Code = $Code -replace '-Connections \d+', '-Connections 20'
        $Code = $Code -replace '-Trials \d+', '-Trials 1'
        $Code -replace '-Rate \d+', '-Rate 2000'
    }

    function script:Invoke-Example([string] $Code, [TimeSpan] $StopAfter = [TimeSpan]::Zero) {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript(@"
Set-Location '$Work'
`$PSDefaultParameterValues = @{
    'Invoke-C10kBenchmark:Duration' = '500ms'; 'Invoke-C10kBenchmark:Warmup' = '200ms'; 'Invoke-C10kBenchmark:Trials' = 1
    'Invoke-LoadTest:Duration' = '500ms'; 'Invoke-LoadTest:Warmup' = '0s'
    'Get-EventLoopLag:Duration' = '1s'; 'Get-BlockingCall:Duration' = '1s'; 'Get-AsyncHotspot:Duration' = '1s'
    'Invoke-C10kBenchmark:WarningAction' = 'SilentlyContinue'
}
Import-Module AsyncIoTools -ErrorAction Stop
try {
$(Resize $Code)
} finally { Get-Job | Remove-Job -Force }
"@)
            $running = $shell.BeginInvoke()
            if ($StopAfter -gt [TimeSpan]::Zero) {
                $running.AsyncWaitHandle.WaitOne($StopAfter) | Out-Null
                $shell.Stop()
                $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            }
            else {
                $running.AsyncWaitHandle.WaitOne([TimeSpan]::FromMinutes(3)) | Should -BeTrue -Because 'an example must finish'
                $output = $shell.EndInvoke($running)
                $shell.InvocationStateInfo.Reason | Should -BeNullOrEmpty
                $output | Out-String -Width 80 | Out-Null
            }
            @($shell.Streams.Error) | ForEach-Object { "$_" } | Should -BeNullOrEmpty
        }
        finally {
            $shell.Dispose()
        }
    }
}

AfterAll {
    $env:PSModulePath = $SavedModulePath
    Stop-IoEngineServer $Server -ErrorAction SilentlyContinue
    Remove-Job $Server -Force -ErrorAction SilentlyContinue
    Stop-LagTarget $Target
}

Describe 'The README''s PowerShell examples' {
    It '<Name>' -ForEach $ReadmeExamples {
        Invoke-Example $Code -StopAfter ($Code -match '-Watch' ? [TimeSpan]::FromSeconds(4) : [TimeSpan]::Zero)
    }
}

Describe 'The help''s examples' {
    It '<Name>' -ForEach $HelpExamples {
        Invoke-Example $Code -StopAfter ($Code -match '-Watch' ? [TimeSpan]::FromSeconds(4) : [TimeSpan]::Zero)
    }

    It 'are there for every cmdlet, and each names its cmdlet' {
        foreach ($command in Get-Command -Module AsyncIoTools) {
            $examples = @((Get-Help $command.Name -Examples).Examples.Example)
            $examples.Count | Should -BeGreaterThan 0 -Because "$($command.Name) needs an example"
            $examples | ForEach-Object { $_.code | Should -Match ([regex]::Escape($command.Name)) }
        }
    }
}

Describe 'After the examples' {
    It 'no aiotools process they started is left' {
        @(Get-AiotoolsProcess | Where-Object { $_ -notin $ChildrenBefore }) | Should -BeNullOrEmpty
    }
}
