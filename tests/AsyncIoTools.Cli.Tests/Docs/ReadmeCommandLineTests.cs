using System.CommandLine;
using AsyncIoTools.Cli.Commands;
using AsyncIoTools.Tests.Support;

namespace AsyncIoTools.Cli.Tests.Docs;

/// <summary>
/// The README's shell examples, against the real command tree. A concrete line (no [optional] parts) must parse
/// without an error; a synopsis line must name only options its command has, optional parts included (the run of
/// each line, <see cref="ReadmeExamplesRunTests"/>, leaves those out), so the README's spelling of every command and
/// option cannot drift away from the tool's.
/// </summary>
public sealed class ReadmeCommandLineTests
{
    public static TheoryData<string> ReadmeLines() => new(Lines());

    [Fact]
    public void ReadmeLines_AreFound_ConcreteAndSynopsesBoth()
    {
        var lines = Lines().ToList();

        // Guards the extraction: were it to find nothing, the theory below would check nothing.
        Assert.Contains(lines, l => l.StartsWith("aiotools bench --scenario file-64m --interleave", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("aiotools watch -p PID[,PID…]", StringComparison.Ordinal));
        Assert.True(lines.Count >= 20, $"{lines.Count} lines");
    }

    [Theory]
    [MemberData(nameof(ReadmeLines))]
    public void ReadmeLine_ParsesOrNamesOnlyOptionsItsCommandHas(string line)
    {
        var tokens = Tokens(line);
        var root = AiotoolsCommand.Create();
        var command = root.Subcommands.Single(c => c.Name == tokens[1]);
        var names = command.Options.Concat(root.Options).SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);

        // What follows "--" is the command aiotools starts, not its own options. A multi-valued option (--engine)
        // takes an unknown "--name" as a value, so the parse alone would not catch every misspelt option.
        var own = tokens.Skip(2).TakeWhile(t => t != "--").Select(t => t.Trim('[', ']')).Where(t => t.StartsWith('-')).ToList();
        Assert.All(own, option => Assert.Contains(option, names));
        if (!line.Contains('[', StringComparison.Ordinal))
        {
            Assert.Empty(root.Parse(tokens[1..]).Errors.Select(e => e.Message));
        }
    }

    [Theory]
    [InlineData("aiotools bench --scenario c10k --engine epoll,poll --trialz 5")]
    [InlineData("aiotools bench --scenario c10k --connections ten")]
    [InlineData("aiotools lag -p PID [--naem NAME]")]
    public void ReadmeLine_MisspeltOption_Fails(string line) =>
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => new ReadmeCommandLineTests().ReadmeLine_ParsesOrNamesOnlyOptionsItsCommandHas(line));

    private static IEnumerable<string> Lines() => ReadmeShellLines.All();

    /// <summary>The line's words up to a comment or a redirection.</summary>
    private static string[] Tokens(string line)
    {
        var command = ReadmeShellLines.WithoutComment(line);
        var redirect = command.IndexOf(" > ", StringComparison.Ordinal);
        return (redirect < 0 ? command : command[..redirect]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
