using System.CommandLine;
using System.CommandLine.Parsing;

namespace AsyncIoTools.Cli.Commands;

/// <summary>
/// Every option whose value is an enum is made here. System.CommandLine's own parsing is <c>Enum.TryParse</c>, which
/// also takes any integer (<c>--protocol 7</c>) and comma lists (<c>http,echo</c>): such a value got past parsing and
/// failed deep inside as an internal error. These options take one defined name, in any case, and refuse anything
/// else as a usage error that lists the names.
/// </summary>
internal static class EnumOptions
{
    public static Option<T> Create<T>(string name, string description, T defaultValue)
        where T : struct, Enum => new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => Parse(result, Enum.GetValues<T>()),
        };

    /// <summary>An enum option with no default of its own: null when not given (the core then decides).</summary>
    public static Option<T?> CreateOptional<T>(string name, string description)
        where T : struct, Enum => new(name)
        {
            Description = description,
            CustomParser = result => Parse(result, Enum.GetValues<T>()),
        };

    /// <summary>How the command line spells a value: its name in lower case.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>The option's value when it names one of <paramref name="allowed"/>; otherwise an error on the result.</summary>
    public static T Parse<T>(ArgumentResult result, IReadOnlyList<T> allowed)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(allowed);
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        foreach (var value in allowed)
        {
            if (string.Equals(Name(value), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        result.AddError(NotOneOf(result, text, allowed.Select(value => Name(value))));
        return default;
    }

    /// <summary>The one message for a value that is not a name: <c>--protocol: '7' is not one of: http, echo, file</c>.</summary>
    public static string NotOneOf(ArgumentResult result, string text, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(result);
        var option = result.Parent is OptionResult parent ? parent.Option.Name : result.Argument.Name;
        return $"{option}: '{text}' is not one of: {string.Join(", ", names)}";
    }
}
