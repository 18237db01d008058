using System.CommandLine;
using System.Reflection;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Cli.Commands;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.PowerShell.Tests.Support;
using AsyncIoTools.Settings;
using Xunit;

namespace AsyncIoTools.PowerShell.Tests.Parity;

/// <summary>
/// Each verb's settings table against both faces: every setting a person gives is a CLI option and a cmdlet
/// parameter, an advanced one (the runner's) is hidden in the CLI and absent from the module, and the bounds the
/// cmdlet declares ([ValidateRange], checked by PowerShell when binding) are the table's, which the core enforces
/// for the CLI. The defaults of both faces are checked against the same table (Cli.Tests, and the module's in a
/// real PowerShell: Runspace.Tests).
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

            var declared = Range(type.GetProperty(parameter.Name)!);
            var expected = rule.Minimum is null && rule.Maximum is null ? ((double?, double?)?)null : (rule.Minimum, rule.Maximum ?? TypeMaximum(type.GetProperty(parameter.Name)!.PropertyType));
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
