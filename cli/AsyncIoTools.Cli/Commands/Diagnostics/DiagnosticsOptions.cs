using System.CommandLine;
using System.CommandLine.Parsing;
using AsyncIoTools.Text;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary>
/// The options the diagnostics commands share, each defined once here (name, aliases, description, default);
/// every command asks for its own instances.
/// </summary>
public static class DiagnosticsOptions
{
    public static Option<int?> ProcessId() => new("--process-id", "-p")
    {
        Description = "The id of the .NET process to attach to (see 'aiotools ps').",
        CustomParser = ParseProcessId,
    };

    public static Option<string?> Name() => new("--name", "-n")
    {
        Description = "The name of the process to attach to, when no id is given; it must match exactly one process.",
    };

    public static Option<TimeSpan> Duration(TimeSpan defaultValue) => new("--duration", "-d")
    {
        Description = "How long to observe, e.g. 10s, 500ms, 2m.",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = ParseDuration,
        HelpName = "duration",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write a JSON document instead of tables (with --watch, one JSON line per interval).",
    };

    public static Option<string?> TraceOut() => new("--trace-out")
    {
        Description = "Also keep the raw session as a .nettrace file for PerfView or dotnet-trace (never overwritten).",
        HelpName = "file.nettrace",
    };

    /// <summary>A duration option with no default, for --threshold and the like.</summary>
    public static Option<TimeSpan?> OptionalDuration(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => ParseDuration(result),
        HelpName = "duration",
    };

    public static TimeSpan ParseDuration(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Durations.TryParse(text, out var duration) && duration > TimeSpan.Zero)
        {
            return duration;
        }

        result.AddError($"'{text}' is not a duration for {OptionName(result)}: use a positive number with a unit, e.g. 10s, 500ms, 2m");
        return TimeSpan.Zero;
    }

    private static int? ParseProcessId(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }

        result.AddError($"'{text}' is not a process id for --process-id: use a positive whole number");
        return null;
    }

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : "the option";
}
