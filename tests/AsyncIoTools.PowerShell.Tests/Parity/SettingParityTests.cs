using System.CommandLine;
using System.Reflection;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Cli.Commands;
using AsyncIoTools.Cli.Commands.Diagnostics;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Diagnostics.Incidents;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.Reports;
using AsyncIoTools.Settings;

namespace AsyncIoTools.PowerShell.Tests.Parity;

/// <summary>
/// Each verb's settings table against both faces: every setting a person gives is a CLI option and a cmdlet
/// parameter, an advanced one (the runner's) is hidden in the CLI and absent from the module, and the bounds the
/// cmdlet declares ([ValidateRange], checked by PowerShell when binding) are the table's, which the core enforces
/// for the CLI. A duration's bounds have no [ValidateRange] (PowerShell has none for TimeSpan): the core checks
/// them for both faces. The defaults of both faces are checked against the same table (Cli.Tests, and the
/// module's in a real PowerShell: Runspace.Tests).
/// </summary>
public sealed class SettingParityTests
{
    [Fact]
    public void Serve() => AssertParity(ServeCommand.Create(), "Start-IoEngineServer", ServeSettings.Table);

    [Fact]
    public void Load() => AssertParity(LoadCommand.Create(), "Invoke-LoadTest", LoadSettings.Table);

    [Fact]
    public void Bench() => AssertParity(BenchCommand.Create(), "Invoke-C10kBenchmark", BenchSettings.Table);

    [Fact]
    public void Lag() => AssertParity(LagCommand.Create(), "Get-EventLoopLag", LagSettings.Table);

    [Fact]
    public void Blocking() => AssertParity(BlockingCommand.Create(), "Get-BlockingCall", BlockingSettings.Table);

    [Fact]
    public void Hotspots() => AssertParity(HotspotsCommand.Create(), "Get-AsyncHotspot", HotspotsSettings.Table);

    [Fact]
    public void Diagnose() => AssertParity(DiagnoseCommand.Create(), "Invoke-Diagnosis", DiagnoseSettings.Table);

    [Fact]
    public void Watch() => AssertParity(WatchCommand.Create(), "Wait-Incident", WatchSettings.Table);

    [Fact]
    public void Report() => AssertParity(ReportCommand.Create(), "New-PerformanceReport", ReportSettings.Table);

    [Fact]
    public void Bench_CliDefaultsAreTheTables()
    {
        var command = BenchCommand.Create();
        Assert.All(BenchSettings.Table.Rules, rule =>
        {
            var option = command.Options.Single(o => o.Name == OptionSpelling.Of(rule.Setting));
            var shown = option.HasDefaultValue ? option.GetDefaultValue() : null;
            var expected = rule.Read(BenchSettings.Defaults);
            Assert.True(Same(expected, shown), $"{option.Name} defaults to {shown ?? "nothing"}, the table to {expected ?? "nothing"}");
        });
    }

    private static void AssertParity<TOptions>(Command command, string cmdletName, SettingTable<TOptions> table)
    {
        var cmdlet = ModuleMetadata.Cmdlet(cmdletName);
        var type = ModuleMetadata.Module.GetType(cmdlet.FullClassName)!;
        var problems = new List<string>();
        foreach (var rule in table.Rules)
        {
            var option = command.Options.FirstOrDefault(o => o.Name == OptionSpelling.Of(rule.Setting));
            var parameter = cmdlet.Parameters.FirstOrDefault(p => p.Name == ParameterSpelling.Name(rule.Setting));
            if (option is null)
            {
                problems.Add($"{rule.Setting}: aiotools {command.Name} has no {OptionSpelling.Of(rule.Setting)}");
            }
            else if (option.Hidden != rule.Advanced)
            {
                problems.Add($"{rule.Setting}: {option.Name} is {(option.Hidden ? "hidden" : "shown")} but the setting is {(rule.Advanced ? "advanced" : "a person's")}");
            }

            if (rule.Advanced)
            {
                if (parameter is not null)
                {
                    problems.Add($"{rule.Setting}: advanced (the runner's), yet {cmdletName} has -{parameter.Name}");
                }

                continue;
            }

            if (parameter is null)
            {
                problems.Add($"{rule.Setting}: {cmdletName} has no {ParameterSpelling.Of(rule.Setting)}");
                continue;
            }

            var property = type.GetProperty(parameter.Name)!;
            var declared = Range(property);
            var expected = (rule.Minimum is null && rule.Maximum is null) || Element(property.PropertyType).FullName == "System.TimeSpan"
                ? ((double?, double?)?)null
                : (rule.Minimum, rule.Maximum ?? TypeMaximum(Element(property.PropertyType)));
            if (declared != expected)
            {
                problems.Add($"{rule.Setting}: {cmdletName} -{parameter.Name} accepts {Show(declared)}, the table {Show(expected)}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static (double?, double?)? Range(PropertyInfo property)
    {
        var range = property.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == "ValidateRangeAttribute");
        return range is null ? null : (Convert.ToDouble(range.ConstructorArguments[0].Value, System.Globalization.CultureInfo.InvariantCulture), Convert.ToDouble(range.ConstructorArguments[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>What a parameter holds: an array's element ([ValidateRange] checks each), a nullable's value (types of the metadata context).</summary>
    private static Type Element(Type type) =>
        type.IsArray ? type.GetElementType()! :
        type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1" ? type.GetGenericArguments()[0] : type;

    private static double TypeMaximum(Type type) => (Nullable.GetUnderlyingType(type) ?? type).FullName switch
    {
        "System.Int32" => int.MaxValue,
        "System.Int64" => long.MaxValue,
        _ => double.MaxValue,
    };

    private static string Show((double?, double?)? range) => range is { } r ? $"{r.Item1?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}..{r.Item2?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}" : "anything";

    /// <summary>Equal values; an empty list is "nothing" (an option without a default gives none).</summary>
    private static bool Same(object? a, object? b) => (Empty(a), Empty(b)) switch
    {
        (null, null) => true,
        (string x, string y) => x == y,
        (System.Collections.IEnumerable x, System.Collections.IEnumerable y) => x.Cast<object>().SequenceEqual(y.Cast<object>()),
        var (x, y) => Equals(x, y),
    };

    private static object? Empty(object? value) => value is System.Collections.IEnumerable items and not string && !items.Cast<object>().Any() ? null : value;
}
