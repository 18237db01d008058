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

    /// <summary>One or more process ids: <c>-p 1,2,3</c> or <c>-p 1 -p 2</c> (lag watches them all at once).</summary>
    public static Option<int[]> ProcessIds() => new("--process-id", "-p")
    {
        Description = "The ids of the .NET processes to watch, comma-separated (see 'aiotools ps').",
        CustomParser = ParseProcessIds,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> DiagnosticPort() => new("--diagnostic-port")
    {
        Description = "Listen on this Unix socket for an app started with DOTNET_DiagnosticPorts=PATH and observe it from its first instruction (it waits until the session is set up).",
        HelpName = "PATH",
    };

    /// <summary>The app to start and observe from its start: everything after <c>--</c>.</summary>
    public static Argument<string[]> Command() => new("command")
    {
        Description = "After --: a command to start (e.g. dotnet app.dll) on a diagnostic port of ours and observe from its first instruction; its output goes to standard error.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<string?> Name() => new("--name", "-n")
    {
        Description = "The name of the process to attach to, when no id is given; it must match exactly one process.",
    };

    /// <summary>One or more process names: <c>-n a,b</c> or <c>-n a -n b</c> (lag and watch take every process of each name).</summary>
    public static Option<string[]> Names() => new("--name", "-n")
    {
        Description = "Watch the processes of these names, comma-separated (every one of them, including ones that start later).",
        CustomParser = result => [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal)],
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<TimeSpan> Duration(TimeSpan defaultValue) => new("--duration", "-d")
    {
        Description = "How long to observe, e.g. 10s, 500ms, 2m.",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = ParseDuration,
        HelpName = "duration",
    };

    /// <summary>--top: how many of the worst to list, the verb's table's default unless given.</summary>
    public static Option<int> Top(string description, int defaultValue) => new("--top")
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<string?> TraceOut() => new("--trace-out")
    {
        Description = "Also keep the raw session as a .nettrace file for PerfView or dotnet-trace (never overwritten).",
        HelpName = "file.nettrace",
    };

    /// <summary>--interval/-i: one lag interval (lag, diagnose and watch), the verb's table's default unless given.</summary>
    public static Option<TimeSpan> Interval(string description, TimeSpan defaultValue) => new("--interval", "-i")
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = ParseDuration,
        HelpName = "duration",
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

    private static int[] ParseProcessIds(ArgumentResult result)
    {
        var ids = new List<int>();
        foreach (var text in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                result.AddError($"'{text}' is not a process id for --process-id: use positive whole numbers, comma-separated");
                return [];
            }

            ids.Add(id);
        }

        return [.. ids.Distinct()];
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
