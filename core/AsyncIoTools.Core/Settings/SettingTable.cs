using System.Globalization;
using System.Runtime.CompilerServices;
using AsyncIoTools.Failures;
using AsyncIoTools.Text;

namespace AsyncIoTools.Settings;

/// <summary>
/// Every setting of one verb (serve, load, bench, …): the options record's defaults, each setting's bounds, and the
/// record's properties that no person sets (with why). Both faces take their defaults from here, the core validates
/// here, and the child command line is written from here; the tests check each face and the record against it.
/// </summary>
public sealed class SettingTable<TOptions>
{
    public SettingTable(TOptions defaults, IEnumerable<SettingRule<TOptions>> rules, IReadOnlyDictionary<string, string>? codeOnly = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Defaults = defaults;
        Rules = rules.ToArray();
        CodeOnly = codeOnly ?? new Dictionary<string, string>();
    }

    /// <summary>The options as a person gets them who gives nothing: the one home of every default.</summary>
    public TOptions Defaults { get; }

    public IReadOnlyList<SettingRule<TOptions>> Rules { get; }

    /// <summary>Properties of the record (dotted paths) that no face sets, each with why.</summary>
    public IReadOnlyDictionary<string, string> CodeOnly { get; }

    public SettingRule<TOptions> this[Setting setting] => Rules.FirstOrDefault(r => r.Setting == setting)
        ?? throw new ArgumentOutOfRangeException(nameof(setting), setting, "not a setting of this verb");

    /// <summary>The default of one setting, as <see cref="SettingRule{TOptions}.Read"/> gives it.</summary>
    public object? DefaultOf(Setting setting) => this[setting].Read(Defaults);

    /// <summary>The first setting out of its bounds, as a usage failure that names it abstractly; null when all are in.</summary>
    public AsyncIoToolsException? FindProblem(TOptions options)
    {
        foreach (var rule in Rules)
        {
            if (rule.Minimum is null && rule.Maximum is null || rule.Read(options) is not { } value || !TryNumber(value, out var number))
            {
                continue;
            }

            if (double.IsNaN(number) || number < rule.Minimum || number > rule.Maximum)
            {
                var duration = value is TimeSpan;
                var shown = duration ? Format((TimeSpan)value) : Convert.ToString(value, CultureInfo.InvariantCulture);
                return AsyncIoToolsException.ForSettings(FailureKind.Usage, (rule.Minimum, rule.Maximum) switch
                {
                    ({ } min, { } max) => FormattableStringFactory.Create("{0} must be {1} to {2} (got {3})", rule.Setting, Shown(min, duration), Shown(max, duration), shown),
                    ({ } min, null) => FormattableStringFactory.Create("{0} must be at least {1} (got {2})", rule.Setting, Shown(min, duration), shown),
                    _ => FormattableStringFactory.Create("{0} must be at most {1} (got {2})", rule.Setting, Shown(rule.Maximum!.Value, duration), shown),
                });
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="FindProblem"/>'s failure, if any.</summary>
    public void Validate(TOptions options)
    {
        if (FindProblem(options) is { } problem)
        {
            throw problem;
        }
    }

    private static string Shown(double bound, bool duration) =>
        duration && bound != 0 ? Format(TimeSpan.FromSeconds(bound)) : bound.ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string Format(TimeSpan duration) => duration < TimeSpan.Zero ? "-" + Durations.Format(-duration) : Durations.Format(duration);

    private static bool TryNumber(object value, out double number)
    {
        switch (value)
        {
            case int or long or double or float or short or byte:
                number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return true;
            case TimeSpan duration:
                // "Until canceled" is no amount of time: a bound does not apply to it.
                number = duration.TotalSeconds;
                return duration != Timeout.InfiniteTimeSpan;
            default:
                number = 0;
                return false;
        }
    }
}
