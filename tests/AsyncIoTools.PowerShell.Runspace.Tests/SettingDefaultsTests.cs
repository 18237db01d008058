namespace AsyncIoTools.PowerShell.Runspace.Tests;

/// <summary>
/// A cmdlet's parameters, left out, hold the defaults of the verb's settings table: read in a real PowerShell from
/// a fresh cmdlet object and from the table the module itself loaded (null in the table: the cmdlet's "not given").
/// </summary>
public sealed class SettingDefaultsTests(ModuleSession session) : IClassFixture<ModuleSession>
{
    private const string Compare = """
        param($Cmdlet, $Table)
        $instance = [Activator]::CreateInstance((Get-Command $Cmdlet).ImplementingType)
        # Resolved after the cmdlet exists: its initializers are what load the table's assembly (the diagnostics
        # bridge in the module's dependency context, which PowerShell's type names do not reach).
        $type = $Table -as [type]
        if ($null -eq $type) {
            $type = [System.Runtime.Loader.AssemblyLoadContext]::All.Assemblies | ForEach-Object { $_.GetType($Table) } | Where-Object { $_ } | Select-Object -First 1
        }
        if ($null -eq $type) { throw "the module did not load $Table" }
        $table = $type.GetProperty('Table').GetValue($null)
        foreach ($rule in $table.Rules) {
            if ($rule.Advanced -or $rule.Setting -eq 'Target') { continue }
            $name = [AsyncIoTools.PowerShell.Hosting.ParameterSpelling]::Name($rule.Setting)
            $expected = $rule.Read.Invoke($table.Defaults)
            $actual = $instance.$name
            if ($actual -is [System.Management.Automation.SwitchParameter]) { $actual = $actual.IsPresent }
            if ($null -eq $expected) {
                # Not given: null, an empty array or string, or the type's zero (the cmdlet binds IfBound or by parameter set).
                $none = $null -eq $actual -or @($actual).Count -eq 0 -or ($actual -is [string] -and $actual -eq '') -or
                    ($actual -is [timespan] -and $actual -eq [timespan]::Zero) -or ($actual -isnot [string] -and ($actual -eq 0 -or $actual -eq $false))
                if (-not $none) { "$($rule.Setting): -$name is '$actual', the table has none" }
            }
            elseif (($expected -join ',') -ne ($actual -join ',')) { "$($rule.Setting): -$name is '$actual', the table says '$expected'" }
        }
        """;

    [Theory]
    [InlineData("Start-IoEngineServer", "AsyncIoTools.Engines.Hosting.ServeSettings")]
    [InlineData("Invoke-LoadTest", "AsyncIoTools.Benchmarks.Load.LoadSettings")]
    [InlineData("Invoke-C10kBenchmark", "AsyncIoTools.Benchmarks.Runner.BenchSettings")]
    [InlineData("Get-EventLoopLag", "AsyncIoTools.Diagnostics.Lag.LagSettings")]
    [InlineData("Get-BlockingCall", "AsyncIoTools.Diagnostics.Blocking.BlockingSettings")]
    [InlineData("Get-AsyncHotspot", "AsyncIoTools.Diagnostics.Hotspots.HotspotsSettings")]
    [InlineData("Invoke-Diagnosis", "AsyncIoTools.Diagnostics.Incidents.DiagnoseSettings")]
    [InlineData("Wait-Incident", "AsyncIoTools.Diagnostics.Incidents.WatchSettings")]
    [InlineData("New-PerformanceReport", "AsyncIoTools.Reports.ReportSettings")]
    public void Parameters_DefaultToTheTable(string cmdlet, string table)
    {
        var script = $"& {{ {Compare} }} -Cmdlet '{cmdlet}' -Table '{table}'";
        var differences = session.Run(script, out var errors).Select(o => o.ToString()).ToList();
        Assert.Empty(errors);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }
}
