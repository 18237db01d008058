using System.CommandLine;
using AsyncIoTools.Cli.Rendering;

namespace AsyncIoTools.Cli.Hosting;

/// <summary>
/// Gives a command the output options and its action the renderer they ask for: the format is read here, once,
/// and no command reads it (a test holds them to that).
/// </summary>
public static class RenderedCommand
{
    public static readonly IReadOnlyList<OutputFormat> Tables = [OutputFormat.Text, OutputFormat.Json, OutputFormat.Markdown, OutputFormat.Csv];

    /// <summary>For results that are no table (a diagnosis): no CSV.</summary>
    public static readonly IReadOnlyList<OutputFormat> Documents = [OutputFormat.Text, OutputFormat.Json, OutputFormat.Markdown];

    public static void SetAction(this Command command, IReadOnlyList<OutputFormat> formats, Func<ParseResult, IOutputRenderer, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(action);
        var format = OutputOptions.Format(formats);
        var json = OutputOptions.JsonAlias();
        command.Options.Add(format);
        command.Options.Add(json);
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetResult(format) is { Implicit: false } && result.GetValue(format) != OutputFormat.Json)
            {
                result.AddError($"--json is --format json: give one of them");
            }
        });
        command.SetAction((parseResult, cancellationToken) =>
        {
            var chosen = parseResult.GetValue(json) ? OutputFormat.Json : parseResult.GetValue(format);
            return action(parseResult, OutputRenderers.Create(chosen, Console.Out), cancellationToken);
        });
    }

    public static void SetAction(this Command command, IReadOnlyList<OutputFormat> formats, Func<ParseResult, IOutputRenderer, int> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        command.SetAction(formats, (parseResult, renderer, _) => Task.FromResult(action(parseResult, renderer)));
    }
}
