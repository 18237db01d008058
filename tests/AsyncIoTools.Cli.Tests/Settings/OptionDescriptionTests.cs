using System.CommandLine;
using AsyncIoTools.Cli.Commands;

namespace AsyncIoTools.Cli.Tests.Settings;

/// <summary>
/// Every option of every command says what it is for in its own words: a description copied from a shared
/// factory once told 'load --help' that --timeout was "How long to measure", the same as --duration.
/// </summary>
public sealed class OptionDescriptionTests
{
    [Fact]
    public void EveryCommand_DescribesEachOptionDifferently()
    {
        var repeated = new List<string>();
        var commands = 0;
        foreach (var (path, command) in Commands(AiotoolsCommand.Create(), "aiotools"))
        {
            commands++;
            repeated.AddRange(command.Options
                .Where(o => !string.IsNullOrEmpty(o.Description))
                .GroupBy(o => o.Description, StringComparer.Ordinal)
                .Where(g => g.Count() > 1)
                .Select(g => $"{path}: {string.Join(", ", g.Select(o => o.Name))} all say \"{g.Key}\""));
        }

        Assert.True(commands > 10, $"{commands} commands walked");
        Assert.Empty(repeated);
    }

    [Fact]
    public void Load_Timeout_SaysItIsPerRequest()
    {
        var load = AiotoolsCommand.Create().Subcommands.Single(c => c.Name == "load");

        var timeout = load.Options.Single(o => o.Name == "--timeout");

        Assert.StartsWith("A request not answered within this", timeout.Description, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Path, Command Command)> Commands(Command command, string path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands)
        {
            foreach (var found in Commands(sub, $"{path} {sub.Name}"))
            {
                yield return found;
            }
        }
    }
}
