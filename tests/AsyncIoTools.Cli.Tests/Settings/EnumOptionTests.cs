using System.CommandLine;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Cli.Commands;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Cli.Tests.Settings;

/// <summary>
/// Every enum-valued option of every command, found by walking the real command tree, takes only the enum's names:
/// a number that is no name (System.CommandLine's own parsing would take it) is a one-line usage error naming them.
/// </summary>
public sealed class EnumOptionTests
{
    public static TheoryData<string, string> EnumValuedOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var (path, option) in Walk(AiotoolsCommand.Create(), []))
        {
            data.Add(string.Join(' ', path), option.Name);
        }

        return data;
    }

    [Fact]
    public void Walk_FindsTheEnumOptionsKnownToday()
    {
        var found = EnumValuedOptions().Select(row => $"{row[0]} {row[1]}").ToList();

        // Guards the walk itself: were it to find nothing, the theory below would pass without checking anything.
        Assert.Contains("serve --protocol", found);
        Assert.Contains("serve --accept", found);
        Assert.Contains("serve --transfer", found);
        Assert.Contains("load --protocol", found);
        Assert.Contains("bench --protocol", found);
        Assert.Contains("bench --child-host", found);
        Assert.Contains("engines --format", found);
        Assert.Contains("lag --format", found);
    }

    [Theory]
    [MemberData(nameof(EnumValuedOptions))]
    public async Task UndefinedNumber_IsAUsageErrorListingTheNames(string commandPath, string optionName)
    {
        string[] arguments = [.. commandPath.Split(' '), optionName, "7"];
        var root = AiotoolsCommand.Create();
        var option = Walk(root, []).Single(o => string.Join(' ', o.Path) == commandPath && o.Option.Name == optionName).Option;
        var names = Enum.GetNames(Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType).Select(n => n.ToLowerInvariant()).ToList();

        // Parsed first, so that an option that took the number fails here instead of running the command.
        var prefix = $"{optionName}: '7' is not one of: ";
        var message = Assert.Single(root.Parse(arguments).Errors, e => e.Message.StartsWith(prefix, StringComparison.Ordinal)).Message;
        var listed = message[prefix.Length..].Split(", ");
        Assert.NotEmpty(listed);
        Assert.All(listed, name => Assert.Contains(name, names));

        using var error = new StringWriter();
        var exitCode = await CommandHost.RunAsync(root, arguments, error);

        Assert.Equal((int)ExitCode.Usage, exitCode);
        Assert.Contains("aiotools: " + message, error.ToString().Split(Environment.NewLine));
    }

    [Theory]
    [InlineData("http,echo")]
    [InlineData("-1")]
    [InlineData("0x1")]
    [InlineData("")]
    public void Protocol_NotExactlyOneName_IsRefused(string value)
    {
        var result = AiotoolsCommand.Create().Parse(["serve", "--protocol", value]);

        Assert.Contains(result.Errors, e => e.Message == $"--protocol: '{value}' is not one of: http, echo, file");
    }

    [Fact]
    public void Names_AreTakenInAnyCase()
    {
        var result = AiotoolsCommand.Create().Parse(["serve", "--protocol", "ECHO", "--accept", "singleAcceptor", "--transfer", "Sendfile"]);

        Assert.Empty(result.Errors);
        var options = ServeCommand.Bind(result);
        Assert.Equal(ProtocolKind.Echo, options.Server.Protocol.Kind);
        Assert.Equal(AcceptMode.SingleAcceptor, options.Server.Accept);
        Assert.Equal(FileTransfer.Sendfile, options.Server.Transfer);
    }

    [Fact]
    public void Transfer_NotGiven_IsLeftToTheEngine()
    {
        var result = AiotoolsCommand.Create().Parse(["serve", "--protocol", "file", "--root", "."]);

        Assert.Empty(result.Errors);
        Assert.Null(ServeCommand.Bind(result).Server.Transfer);
    }

    [Fact]
    public void ChildHost_NameInAnyCase_Binds()
    {
        var result = AiotoolsCommand.Create().Parse(["bench", "--child-host", "NATIVE"]);
        var option = Walk(AiotoolsCommand.Create(), []).Single(o => o.Option.Name == "--child-host").Option;

        Assert.Empty(result.Errors);
        Assert.Equal(ChildHost.Native, result.GetValue<ChildHost>(option.Name));
    }

    [Fact]
    public async Task Serve_ProtocolSeven_ExitsWithUsageAndOneLine()
    {
        var run = await Aiotools.RunAsync("serve", "--engine", "epoll", "--protocol", "7");

        Assert.Equal((int)ExitCode.Usage, run.ExitCode);
        Assert.Equal("aiotools: --protocol: '7' is not one of: http, echo, file", run.Error.Split('\n')[0]);
        Assert.Empty(run.Output);
        Assert.False(run.HasStackTrace, run.Error);
    }

    private static IEnumerable<(string[] Path, Option Option)> Walk(Command command, string[] path)
    {
        foreach (var option in command.Options)
        {
            if ((Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType).IsEnum)
            {
                yield return (path, option);
            }
        }

        foreach (var subcommand in command.Subcommands)
        {
            foreach (var found in Walk(subcommand, [.. path, subcommand.Name]))
            {
                yield return found;
            }
        }
    }
}
