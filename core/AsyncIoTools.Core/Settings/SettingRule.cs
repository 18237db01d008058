using AsyncIoTools.Failures;

namespace AsyncIoTools.Settings;

/// <summary>
/// One setting of a verb's options record: its abstract name, the property it lives in (a dotted path through nested
/// records, for the coverage test), how to read it, and its bounds. The default is what <see cref="Read"/> gives on
/// the table's <see cref="SettingTable{TOptions}.Defaults"/>: no face restates it.
/// </summary>
public sealed record SettingRule<TOptions>(Setting Setting, string Property, Func<TOptions, object?> Read)
{
    /// <summary>The smallest value accepted (numbers, and durations in seconds); null: no lower bound.</summary>
    public double? Minimum { get; init; }

    /// <summary>The largest value accepted (numbers, and durations in seconds); null: none but the type's.</summary>
    public double? Maximum { get; init; }

    /// <summary>
    /// Set by the runner for its child processes, not by a person: hidden in the CLI's help, no cmdlet parameter.
    /// </summary>
    public bool Advanced { get; init; }

    /// <summary>The value on a child command line, when it is not the plain value (null: leave the setting out).</summary>
    public Func<TOptions, string?>? Write { get; init; }
}
