using System.CommandLine;
using System.CommandLine.Parsing;
using AsyncIoTools.Cli.Commands;
using AsyncIoTools.Cli.Rendering;

namespace AsyncIoTools.Cli.Hosting;

/// <summary>
/// <c>--format</c>, defined once, and <c>--json</c>, its hidden alias (scripts and the README's examples use it).
/// Each rendering command gets them from <see cref="RenderedCommand"/> with the formats its results have.
/// </summary>
public static class OutputOptions
{
    /// <summary>Left out, the format is text (the enum's zero), which help then need not print as a default.</summary>
    public static Option<OutputFormat> Format(IReadOnlyList<OutputFormat> formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        var names = formats.Select(Name).ToArray();
        return new Option<OutputFormat>("--format")
        {
            Description = Describe(formats),
            HelpName = string.Join('|', names),
            CustomParser = result => Parse(result, formats),
        };
    }

    public static Option<bool> JsonAlias() => new("--json") { Description = "The same as --format json.", Hidden = true };

    public static string Name(OutputFormat format) => EnumOptions.Name(format);

    private static OutputFormat Parse(ArgumentResult result, IReadOnlyList<OutputFormat> formats)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var known = Enum.GetValues<OutputFormat>().Where(f => string.Equals(Name(f), text, StringComparison.OrdinalIgnoreCase)).ToList();
        if (known is [var format] && formats.Contains(format))
        {
            return format;
        }

        var command = result.Parent?.Parent is CommandResult parent ? parent.Command.Name : "this command";
        var names = formats.Select(Name);
        result.AddError(known.Count == 0
            ? EnumOptions.NotOneOf(result, text, names)
            : $"{command} has no {text} output: use --format {string.Join(", ", names)}");
        return OutputFormat.Text;
    }

    private static string Describe(IReadOnlyList<OutputFormat> formats)
    {
        var parts = formats.Select(f => f switch
        {
            OutputFormat.Text => "text (the default)",
            OutputFormat.Json => "json (a stable contract for scripts)",
            OutputFormat.Csv => "csv (RFC 4180, raw figures)",
            _ => Name(f),
        });
        return $"Output format: {string.Join(", ", parts)}.";
    }
}
