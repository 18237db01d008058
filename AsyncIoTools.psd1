# Module manifest of AsyncIoTools, the PowerShell face of aiotools. Import the laid-out module folder:
#   dotnet build module/AsyncIoTools.PowerShell -c Release
#   Import-Module ./artifacts/module/Release/AsyncIoTools
# ProjectUri, LicenseUri and IconUri are left out on purpose: the project has no public address yet, and a
# placeholder would send people nowhere.
@{
    RootModule = 'AsyncIoTools.PowerShell.dll'
    ModuleVersion = '0.1.0'
    GUID = '19a21dd5-f1cf-4097-a1d0-e052e8dfe1f7'
    Author = 'AsyncIoTools contributors'
    CompanyName = 'AsyncIoTools contributors'
    Copyright = '(c) AsyncIoTools contributors'
    Description = 'Measure async I/O engines (select, poll, epoll, io_uring, IOCP, threads, .NET sockets) under C10K load and diagnose slow .NET services from outside: thread-pool lag, blocking calls and async hotspots of a live process. The same operations as the aiotools CLI, as cmdlets whose results pipe into reports.'

    # A net10.0 assembly needs PowerShell on .NET 10: PowerShell 7.6 or later, Core edition.
    PowerShellVersion = '7.6'
    CompatiblePSEditions = @('Core')

    FormatsToProcess = @('AsyncIoTools.Format.ps1xml')

    CmdletsToExport = @(
        'Get-AsyncHotspot'
        'Get-BenchmarkScenario'
        'Get-BlockingCall'
        'Get-DotNetProcess'
        'Get-EventLoopLag'
        'Get-IoEngine'
        'Get-IoEngineServerCounter'
        'Import-BenchmarkResult'
        'Invoke-C10kBenchmark'
        'Invoke-Diagnosis'
        'Invoke-LoadTest'
        'New-PerformanceReport'
        'Start-IoEngineServer'
        'Stop-IoEngineServer'
        'Wait-Incident'
    )
    FunctionsToExport = @()
    AliasesToExport = @()
    VariablesToExport = @()

    PrivateData = @{
        PSData = @{
            Tags = @('async', 'io', 'epoll', 'io_uring', 'iocp', 'c10k', 'benchmark', 'performance', 'diagnostics', 'threadpool', 'eventpipe', 'Linux', 'PSEdition_Core')
        }
    }
}
