using System.Collections;
using System.Globalization;
using System.Xml.Linq;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Diagnostics.Incidents;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Failures;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.Reports;
using AsyncIoTools.Settings;
using AsyncIoTools.Text;

namespace AsyncIoTools.PowerShell.Tests.Parity;

/// <summary>
/// The cmdlet help (hand-written MAML) restates each parameter's default: every restatement, in the syntax blocks
/// and the parameter list, must say what the verb's settings table says, so help cannot drift from the code.
/// </summary>
public sealed class HelpDefaultsTests
{
    private static readonly XNamespace Command = ModuleHelp.Command;
    private static readonly XNamespace Maml = ModuleHelp.Maml;
    private static readonly XNamespace Dev = ModuleHelp.Dev;

    [Fact]
    public void Serve() => AssertHelp("Start-IoEngineServer", ServeSettings.Table);

    [Fact]
    public void Load() => AssertHelp("Invoke-LoadTest", LoadSettings.Table);

    [Fact]
    public void Bench() => AssertHelp("Invoke-C10kBenchmark", BenchSettings.Table);

    [Fact]
    public void Lag() => AssertHelp("Get-EventLoopLag", LagSettings.Table);

    [Fact]
    public void Blocking() => AssertHelp("Get-BlockingCall", BlockingSettings.Table);

    [Fact]
    public void Hotspots() => AssertHelp("Get-AsyncHotspot", HotspotsSettings.Table);

    [Fact]
    public void Diagnose() => AssertHelp("Invoke-Diagnosis", DiagnoseSettings.Table);

    [Fact]
    public void Watch() => AssertHelp("Wait-Incident", WatchSettings.Table);

    [Fact]
    public void Report() => AssertHelp("New-PerformanceReport", ReportSettings.Table);

    [Theory]
    [InlineData("None", null, true)]
    [InlineData("None", false, true)]
    [InlineData("None", true, false)]
    [InlineData("True", true, true)]
    [InlineData("1m", "00:01:00", true)]
    [InlineData("130s", "00:02:10", true)]
    [InlineData("1s", "00:00:02", false)]
    [InlineData("500MB", 524_288_000L, true)]
    [InlineData("5", 5.0, true)]
    [InlineData("8080", 8081, false)]
    [InlineData("Http", "Http", true)]
    public void Says_ReadsHelpAsTheTableMeansIt(string help, object? value, bool same) =>
        Assert.Equal(same, Says(help, value is string s && TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var t) ? t : value));

    private static void AssertHelp<TOptions>(string cmdlet, SettingTable<TOptions> table)
    {
        var entry = ModuleHelp.Entry(cmdlet);
        var problems = new List<string>();
        foreach (var rule in table.Rules.Where(r => !r.Advanced && r.Setting != Setting.Target))
        {
            var name = ParameterSpelling.Name(rule.Setting);
            var stated = entry.Descendants(Command + "parameter").Where(p => p.Element(Maml + "name")?.Value == name).Select(p => p.Element(Dev + "defaultValue")?.Value).ToList();
            Assert.True(stated.Count > 0, $"{cmdlet}: the help does not document -{name}");
            var expected = rule.Read(table.Defaults);
            problems.AddRange(stated.Distinct().Where(s => s is null || !Says(s, expected)).Select(s => $"{cmdlet} -{name}: the help says the default is '{s}', the table {Shown(expected)}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Whether help's wording of a default means <paramref name="value"/>: "None" for nothing, a duration or size as a person writes it.</summary>
    private static bool Says(string help, object? value) => Nothing(value)
        ? help == "None"
        : value switch
        {
            TimeSpan t => Durations.TryParse(help, out var d) && d == t,
            bool b => string.Equals(help, b.ToString(), StringComparison.OrdinalIgnoreCase),
            int or long or double => Number(help) is { } n && n == Convert.ToDouble(value, CultureInfo.InvariantCulture),
            Enum e => string.Equals(help, e.ToString(), StringComparison.OrdinalIgnoreCase),
            IEnumerable items and not string => help == string.Join(",", items.Cast<object>()),
            _ => help == Convert.ToString(value, CultureInfo.InvariantCulture),
        };

    private static bool Nothing(object? value) => value switch
    {
        null or false => true,
        TimeSpan t => t == Timeout.InfiniteTimeSpan,
        IEnumerable items and not string => !items.Cast<object>().Any(),
        _ => false,
    };

    /// <summary>A number, or a size with a binary unit as PowerShell writes it (500MB).</summary>
    private static double? Number(string text)
    {
        foreach (var (suffix, factor) in new[] { ("KB", 1L << 10), ("MB", 1L << 20), ("GB", 1L << 30), (string.Empty, 1L) })
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return number * factor;
            }
        }

        return null;
    }

    private static string Shown(object? value) => value switch
    {
        null => "has none",
        TimeSpan t => $"says {Durations.Format(t)}",
        IEnumerable items and not string => $"says '{string.Join(",", items.Cast<object>())}'",
        _ => $"says '{Convert.ToString(value, CultureInfo.InvariantCulture)}'",
    };
}
