using AsyncIoTools.PowerShell.Runspace.Tests.Support;

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
        # Resolved after the cmdlet exists: its initializers are what load the table's assembly.
        $type = $Table -as [type]
        if ($null -eq $type) { throw "the module did not load $Table" }
        $table = $type.GetProperty('Table').GetValue($null)
        foreach ($rule in $table.Rules) {
            if ($rule.Advanced -or $rule.Setting -eq 'Target') { continue }
            $name = [AsyncIoTools.PowerShell.Hosting.ParameterSpelling]::Name($rule.Setting)
            $expected = $rule.Read.Invoke($table.Defaults)
            $actual = $instance.$name
            if ($actual -is [System.Management.Automation.SwitchParameter]) { $actual = $actual.IsPresent }
            if ($null -eq $expected) {
                # Not given: null, an empty array, or the type's zero (the cmdlet binds IfBound).
                if ($null -ne $actual -and @($actual).Count -ne 0 -and $actual -ne 0 -and $actual -ne $false) { "$($rule.Setting): -$name is '$actual', the table has none" }
            }
            elseif (($expected -join ',') -ne ($actual -join ',')) { "$($rule.Setting): -$name is '$actual', the table says '$expected'" }
        }
        """;

    [Theory]
    [InlineData("Start-IoEngineServer", "AsyncIoTools.Engines.Hosting.ServeSettings")]
    [InlineData("Invoke-LoadTest", "AsyncIoTools.Benchmarks.Load.LoadSettings")]
    [InlineData("Invoke-C10kBenchmark", "AsyncIoTools.Benchmarks.Runner.BenchSettings")]
    public void Parameters_DefaultToTheTable(string cmdlet, string table)
    {
        var script = $"& {{ {Compare} }} -Cmdlet '{cmdlet}' -Table '{table}'";
        var differences = session.Run(script, out var errors).Select(o => o.ToString()).ToList();
        Assert.Empty(errors);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }
}
