using System.CommandLine;
using System.Reflection;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Cli.Commands;
using AsyncIoTools.Cli.Commands.Diagnostics;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Diagnostics.Incidents;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Failures;
using AsyncIoTools.Reports;
using AsyncIoTools.Settings;

namespace AsyncIoTools.Cli.Tests.Settings;

/// <summary>
/// Each verb's settings table against its options record (every property a setting or code-only with a reason)
/// and against the CLI (an option per setting, the table's default when nothing is given, its bounds enforced).
/// </summary>
public sealed class SettingTableTests
{
    [Fact]
    public void Serve_EveryPropertyIsASetting() => AssertCovered(ServeSettings.Table);

    [Fact]
    public void Load_EveryPropertyIsASetting() => AssertCovered(LoadSettings.Table);

    [Fact]
    public void Lag_EveryPropertyIsASetting() => AssertCovered(LagSettings.Table);

    [Fact]
    public void Blocking_EveryPropertyIsASetting() => AssertCovered(BlockingSettings.Table);

    [Fact]
    public void Hotspots_EveryPropertyIsASetting() => AssertCovered(HotspotsSettings.Table);

    [Fact]
    public void Diagnose_EveryPropertyIsASetting() => AssertCovered(DiagnoseSettings.Table);

    [Fact]
    public void Watch_EveryPropertyIsASetting() => AssertCovered(WatchSettings.Table);

    [Fact]
    public void Report_EveryPropertyIsASetting() => AssertCovered(ReportSettings.Table);

    [Fact]
    public void Lag_CliDefaultsAreTheTables() => AssertOptionDefaults(LagCommand.Create(), LagSettings.Table);

    [Fact]
    public void Blocking_CliDefaultsAreTheTables() => AssertOptionDefaults(BlockingCommand.Create(), BlockingSettings.Table);

    [Fact]
    public void Hotspots_CliDefaultsAreTheTables() => AssertOptionDefaults(HotspotsCommand.Create(), HotspotsSettings.Table);

    [Fact]
    public void Diagnose_CliDefaultsAreTheTables() => AssertOptionDefaults(DiagnoseCommand.Create(), DiagnoseSettings.Table);

    [Fact]
    public void Watch_CliDefaultsAreTheTables() => AssertOptionDefaults(WatchCommand.Create(), WatchSettings.Table);

    [Fact]
    public void Report_CliDefaultsAreTheTables() => AssertOptionDefaults(ReportCommand.Create(), ReportSettings.Table);

    [Fact]
    public void Diagnostics_CliHasAnOptionPerSetting()
    {
        AssertOptions(LagCommand.Create(), LagSettings.Table);
        AssertOptions(BlockingCommand.Create(), BlockingSettings.Table);
        AssertOptions(HotspotsCommand.Create(), HotspotsSettings.Table);
        AssertOptions(DiagnoseCommand.Create(), DiagnoseSettings.Table);
        AssertOptions(WatchCommand.Create(), WatchSettings.Table);
        AssertOptions(ReportCommand.Create(), ReportSettings.Table);
    }

    [Fact]
    public void FindProblem_ShowsDurationBoundsAsDurations()
    {
        var failure = LagSettings.Table.FindProblem(LagSettings.Defaults with { Interval = TimeSpan.FromMilliseconds(50) });

        Assert.NotNull(failure);
        Assert.Equal("--interval must be at least 100ms (got 50ms)", failure.MessageFor(OptionSpelling.Of));
        Assert.Equal("--p99-over must be at least 0 (got -1s)", WatchSettings.Table.FindProblem(WatchSettings.Defaults with { Rules = new() { P99Over = TimeSpan.FromSeconds(-1) } })?.MessageFor(OptionSpelling.Of));
        Assert.Null(WatchSettings.Table.FindProblem(WatchSettings.Defaults));
    }

    [Fact]
    public void FindProblem_RefusesNaN()
    {
        var failure = ReportSettings.Table.FindProblem(ReportSettings.Defaults with { RegressionPercent = double.NaN });

        Assert.Equal("--threshold must be 0 to 1,000 (got NaN)", failure?.MessageFor(OptionSpelling.Of));
    }

    [Fact]
    public void Serve_CliDefaultsAreTheTables()
    {
        var bound = ServeCommand.Bind(Parse(ServeCommand.Create(), "serve"));
        Assert.Empty(SettingValues.Differences(ServeSettings.Table, ServeSettings.Defaults, bound));
    }

    [Fact]
    public void Load_CliDefaultsAreTheTables()
    {
        var bound = LoadCommand.Bind(Parse(LoadCommand.Create(), "load", "--target", LoadSettings.Defaults.Target.ToString()));
        Assert.Empty(SettingValues.Differences(LoadSettings.Table, LoadSettings.Defaults, bound));
    }

    [Fact]
    public void Serve_CliHasAnOptionPerSetting_HiddenWhenAdvanced() => AssertOptions(ServeCommand.Create(), ServeSettings.Table);

    [Fact]
    public void Load_CliHasAnOptionPerSetting_HiddenWhenAdvanced() => AssertOptions(LoadCommand.Create(), LoadSettings.Table);

    [Fact]
    public void FindProblem_NamesTheSettingAndItsBounds()
    {
        var failure = LoadSettings.Table.FindProblem(LoadSettings.Defaults with { Threads = LoadSettings.MaxThreads + 1 });

        Assert.NotNull(failure);
        Assert.Equal(FailureKind.Usage, failure.Kind);
        Assert.Equal("--threads must be 0 to 1,024 (got 1025)", failure.MessageFor(OptionSpelling.Of));
        Assert.Null(LoadSettings.Table.FindProblem(LoadSettings.Defaults));
    }

    /// <summary>
    /// Where a CLI option's default is not the table's on purpose, and why (the module and the core keep the table's).
    /// </summary>
    private static readonly Dictionary<(string Command, Setting Setting), string> CliDefaultDifferences = new()
    {
        [("lag", Setting.Duration)] = "Without --duration, lag runs until Ctrl+C and then prints its summary, as dotnet-counters does; a cmdlet cannot write after Ctrl+C, so Get-EventLoopLag stops after the table's 10 s.",
    };

    /// <summary>
    /// Each option's value when not given (its default, else its type's "nothing") is the table's default, unless a
    /// documented difference says why not. "Until canceled" and an empty list read as "nothing".
    /// </summary>
    private static void AssertOptionDefaults<TOptions>(Command command, SettingTable<TOptions> table)
    {
        var problems = new List<string>();
        foreach (var rule in table.Rules)
        {
            var option = command.Options.Single(o => o.Name == OptionSpelling.Of(rule.Setting));
            var given = option.HasDefaultValue ? option.GetDefaultValue() : Nothing(option.ValueType);
            var expected = rule.Read(table.Defaults);
            var same = SettingValues.Same(Normal(expected), Normal(given));
            var documented = CliDefaultDifferences.ContainsKey((command.Name, rule.Setting));
            if (same == documented)
            {
                problems.Add(documented
                    ? $"{option.Name}: documented as differing from the table, yet both say {SettingValues.Show(expected)}"
                    : $"{option.Name} defaults to {SettingValues.Show(given)}, the table to {SettingValues.Show(expected)}");
            }
        }

        Assert.True(problems.Count == 0, $"aiotools {command.Name}: " + string.Join("; ", problems));
    }

    private static object? Nothing(Type type) => type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;

    private static object? Normal(object? value) => value switch
    {
        TimeSpan t when t == Timeout.InfiniteTimeSpan => null,
        System.Collections.IEnumerable items and not string when !items.Cast<object>().Any() => null,
        _ => value,
    };

    private static ParseResult Parse(Command command, params string[] arguments)
    {
        var result = new RootCommand { command }.Parse(arguments);
        Assert.Empty(result.Errors);
        return result;
    }

    private static void AssertOptions<TOptions>(Command command, SettingTable<TOptions> table)
    {
        foreach (var rule in table.Rules)
        {
            var option = command.Options.FirstOrDefault(o => o.Name == OptionSpelling.Of(rule.Setting));
            Assert.True(option is not null, $"aiotools {command.Name} has no option {OptionSpelling.Of(rule.Setting)} for {rule.Setting}");
            Assert.True(option.Hidden == rule.Advanced, $"{option.Name} is {(option.Hidden ? "hidden" : "shown")}, but {rule.Setting} is {(rule.Advanced ? "advanced" : "a person's")}");
        }
    }

    /// <summary>Every settable property of the record, through nested records, is named by a rule or listed as code-only.</summary>
    private static void AssertCovered<TOptions>(SettingTable<TOptions> table)
    {
        var named = table.Rules.SelectMany(r => r.Property.Split(',')).Concat(table.CodeOnly.Keys).ToHashSet(StringComparer.Ordinal);
        var missing = Leaves(typeof(TOptions), string.Empty, named).Where(p => !named.Contains(p)).ToList();
        Assert.True(missing.Count == 0, $"{typeof(TOptions).Name} has properties no setting names (add a rule, or a code-only entry with why): {string.Join(", ", missing)}");
        var stale = named.Where(p => !Leaves(typeof(TOptions), string.Empty, named).Contains(p)).ToList();
        Assert.True(stale.Count == 0, $"rules name properties {typeof(TOptions).Name} does not have: {string.Join(", ", stale)}");
    }

    private static IEnumerable<string> Leaves(Type type, string prefix, HashSet<string> named)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            var path = prefix + property.Name;
            var isGroup = !named.Contains(path) && named.Any(n => n.StartsWith(path + ".", StringComparison.Ordinal));
            if (isGroup)
            {
                foreach (var leaf in Leaves(property.PropertyType, path + ".", named))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return path;
            }
        }
    }
}
