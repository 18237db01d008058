using System.Text.Json;
using AsyncIoTools.Cli.Hosting;

namespace AsyncIoTools.Cli.Tests.Rendering;

/// <summary><c>--format</c> end to end: each format on a real command, and bad values as one-line usage errors.</summary>
public sealed class FormatOptionTests
{
    [Theory]
    [InlineData("--format: 'xml' is not one of: text, json, markdown, csv", "scenarios", "--format", "xml")]
    [InlineData("diagnose has no csv output: use --format text, json, markdown", "diagnose", "-p", "1", "--format", "csv")]
    [InlineData("--json is --format json: give one of them", "engines", "--json", "--format", "csv")]
    public async Task BadFormat_IsAOneLineUsageError(string message, params string[] arguments)
    {
        var run = await Aiotools.RunAsync(arguments);

        Assert.Equal((int)ExitCode.Usage, run.ExitCode);
        Assert.Equal("aiotools: " + message, run.Error.Split('\n')[0]);
        Assert.Single(run.Error.Split('\n'), l => l.StartsWith("aiotools: ", StringComparison.Ordinal));
        Assert.Empty(run.Output);
        Assert.False(run.HasStackTrace, run.Error);
    }

    [Fact]
    public async Task Scenarios_FormatJsonAndTheJsonAlias_PrintTheSameDocument()
    {
        var format = await Aiotools.RunAsync("scenarios", "--format", "json");
        var alias = await Aiotools.RunAsync("scenarios", "--json");

        Assert.Equal(0, format.ExitCode);
        Assert.Equal(format.Output, alias.Output);
        Assert.Equal(GoldenFiles.Read("scenarios.json"), format.Output);
    }

    [Fact]
    public async Task Engines_Csv_IsAHeaderAndOneRowPerVariant()
    {
        var csv = await Aiotools.RunAsync("engines", "--format", "csv");
        var json = await Aiotools.RunAsync("engines", "--json");

        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("engine,variant,isDefault,available,reason,description", lines[0]);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(document.RootElement.GetArrayLength(), lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith("epoll,level,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ps_Markdown_IsAPipeTable()
    {
        var run = await Aiotools.RunAsync("ps", "--format", "Markdown");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("| processId | name", run.Output, StringComparison.Ordinal);
    }
}
