namespace AsyncIoTools.PowerShell.Runspace.Tests;

/// <summary>Failures are ErrorRecords with stable ids and categories, name the PowerShell parameter (never the CLI's flag), and stop with -ErrorAction Stop.</summary>
public sealed class ErrorRecordTests(ModuleSession session) : IClassFixture<ModuleSession>
{
    [Fact]
    public void CoreValidation_NamesThePowerShellParameters()
    {
        var record = session.Failure("Invoke-LoadTest -Target 127.0.0.1:9 -Rate 100 -Pipeline 2 -Duration 1s");
        Assert.Equal("InvalidUsage,AsyncIoTools.PowerShell.Commands.InvokeLoadTestCommand", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        const string Spelled = "-Rate measures each request from its intended start and cannot be combined with -Pipeline";
        Assert.Equal(Spelled, record.ToString());
        Assert.Equal(Spelled, record.Exception.Message);
        Assert.DoesNotContain("--", record.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EverySettingTheCoreNames_IsAParameterOfACmdlet()
    {
        // Spelled the module's way (Bind is -Address); the runner's own settings (advanced in their tables) have no parameter.
        var missing = session.Run("""
            $parameters = (Get-Command -Module AsyncIoTools).Parameters.Keys
            $null = 'Start-IoEngineServer', 'Invoke-LoadTest' | ForEach-Object { [Activator]::CreateInstance((Get-Command $_).ImplementingType) }
            $advanced = foreach ($table in 'AsyncIoTools.Engines.Hosting.ServeSettings', 'AsyncIoTools.Benchmarks.Load.LoadSettings') {
                ($table -as [type])::Table.Rules | Where-Object Advanced | ForEach-Object { "$($_.Setting)" }
            }
            [AsyncIoTools.Failures.Setting].GetEnumValues() |
                Where-Object { "$_" -notin $advanced -and [AsyncIoTools.PowerShell.Hosting.ParameterSpelling]::Name($_) -notin $parameters }
            """);
        Assert.Empty(missing);
    }

    [Fact]
    public void ExpectedFailure_ForOneInput_IsNonTerminating_AndStopsWithErrorActionStop()
    {
        session.Run("Get-EventLoopLag -Name aiotools-no-such-process -Duration 1s", out var errors);
        var record = Assert.Single(errors);
        Assert.Equal("NoSuchProcess,AsyncIoTools.PowerShell.Commands.GetEventLoopLagCommand", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, record.CategoryInfo.Category);

        var caught = session.Run("""
            try { Get-EventLoopLag -Name aiotools-no-such-process -Duration 1s -ErrorAction Stop; 'not stopped' }
            catch { $_.FullyQualifiedErrorId }
            """).Single().ToString();
        Assert.Equal("NoSuchProcess,AsyncIoTools.PowerShell.Commands.GetEventLoopLagCommand", caught);
    }

    [Fact]
    public void ValidationAttributes_NameTheParameter()
    {
        var record = session.Failure("Invoke-C10kBenchmark -Connections 0");
        Assert.StartsWith("ParameterArgumentValidationError", record.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("'Connections'", record.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownEngine_IsAUsageErrorBeforeAnythingStarts()
    {
        var before = ChildProcesses.Aiotools();
        var record = session.Failure("Invoke-C10kBenchmark -Engine no-such-engine -Duration 1s");
        Assert.Equal("InvalidUsage,AsyncIoTools.PowerShell.Commands.InvokeC10kBenchmarkCommand", record.FullyQualifiedErrorId);
        Assert.Equal(before, ChildProcesses.Aiotools());
    }
}
