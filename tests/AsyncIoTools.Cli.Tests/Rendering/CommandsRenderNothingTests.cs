using AsyncIoTools.Cli.Commands;
using AsyncIoTools.Cli.Hosting;

namespace AsyncIoTools.Cli.Tests.Rendering;

/// <summary>
/// The host chooses the output format once; commands hand objects and views to the renderer it chose. So no command
/// reads <c>--json</c> or <c>--format</c>, serializes JSON, or calls a text renderer itself (read from the IL).
/// </summary>
public sealed class CommandsRenderNothingTests
{
    private static readonly string[] ForbiddenCallPrefixes =
    [
        "System.Text.Json.JsonSerializer::",
        "AsyncIoTools.Cli.Hosting.OutputOptions::",
        "AsyncIoTools.Cli.Rendering.OutputRenderers::",
        "AsyncIoTools.Cli.Rendering.BenchRenderer::Render",
        "AsyncIoTools.Cli.Rendering.LoadRenderer::Render",
    ];

    private static readonly string Cli = typeof(EnginesCommand).Assembly.Location;

    public static TheoryData<string> CommandTypes() =>
    [
        .. typeof(EnginesCommand).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("AsyncIoTools.Cli.Commands", StringComparison.Ordinal) == true && !t.IsNested)
            .Select(t => t.FullName!),
    ];

    [Theory]
    [MemberData(nameof(CommandTypes))]
    public void Command_NeitherReadsTheFormatNorWritesOutputItself(string typeName)
    {
        var calls = IlCalls.Of(Cli, typeName);
        var strings = IlCalls.StringsOf(Cli, typeName);

        Assert.DoesNotContain("--json", strings);
        Assert.DoesNotContain("--format", strings);
        Assert.DoesNotContain(calls, c => ForbiddenCallPrefixes.Any(p => c.StartsWith(p, StringComparison.Ordinal)) || (c.Contains("TextRenderer::", StringComparison.Ordinal) && !c.Contains("IncidentTextRenderer::Header", StringComparison.Ordinal)));
    }

    [Fact]
    public void Scan_SeesWhatTheHostDoes()
    {
        // The scan itself can fail: the host's own code reads the format, and the commands reach it.
        var host = IlCalls.Of(Cli, typeof(RenderedCommand).FullName!);
        Assert.Contains(host, c => c.StartsWith("AsyncIoTools.Cli.Hosting.OutputOptions::Format/", StringComparison.Ordinal));
        Assert.Contains(host, c => c.StartsWith("AsyncIoTools.Cli.Rendering.OutputRenderers::Create/", StringComparison.Ordinal));
        Assert.Contains(IlCalls.Of(Cli, typeof(EnginesCommand).FullName!), c => c.StartsWith("AsyncIoTools.Cli.Hosting.RenderedCommand::SetAction/", StringComparison.Ordinal));
        Assert.Contains("--json", IlCalls.StringsOf(Cli, typeof(OutputOptions).FullName!));
    }

    [Fact]
    public void EveryRenderingCommand_HasFormatAndTheHiddenJsonAlias()
    {
        foreach (var command in new[] { EnginesCommand.Create(), ScenariosCommand.Create(), LoadCommand.Create(), BenchCommand.Create() })
        {
            Assert.Contains(command.Options, o => o.Name == "--format" && !o.Hidden);
            Assert.Contains(command.Options, o => o.Name == "--json" && o.Hidden);
        }
    }
}
