namespace AsyncIoTools.Cli.Rendering;

/// <summary>The one place a format becomes a renderer.</summary>
public static class OutputRenderers
{
    public static IOutputRenderer Create(OutputFormat format, TextWriter output) => format switch
    {
        OutputFormat.Json => new JsonRenderer(output),
        OutputFormat.Markdown => new MarkdownRenderer(output),
        OutputFormat.Csv => new CsvRenderer(output),
        _ => new TextRenderer(output),
    };
}
