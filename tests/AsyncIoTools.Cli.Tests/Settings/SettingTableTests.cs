using System.CommandLine;
using System.Reflection;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Cli.Commands;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Failures;
using AsyncIoTools.Settings;
using Xunit;

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
