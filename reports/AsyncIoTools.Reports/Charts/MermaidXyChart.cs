using System.Globalization;
using System.Text;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Charts;

/// <summary>
/// The same chart as a mermaid <c>xychart-beta</c> block, which GitHub renders inline. Mermaid's x axis is
/// categorical (one tick per sweep point, evenly spaced, which suits sweeps over powers of ten), it draws no legend
/// and it cannot leave gaps. So the block keeps the x values at least half the series share (a point only one
/// engine was run at, such as select below FD_SETSIZE, would otherwise leave every other line out), draws the series
/// that have all of them (only those points), and the caller names the series in order and those left out.
/// </summary>
public static class MermaidXyChart
{
    /// <summary>The fenced block, and the names of the series drawn (in drawing order) and of those left out.</summary>
    public static (string Block, IReadOnlyList<string> Drawn, IReadOnlyList<string> LeftOut) Render(LineChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var shared = chart.XValues.Where(x => chart.Series.Count(s => s.Points.Any(p => p.X == x)) * 2 >= chart.Series.Count).ToList();
        var complete = chart.Series.Where(s => shared.All(x => s.Points.Any(p => p.X == x))).ToList();
        var scale = NiceScale.UptoInUnit(complete.SelectMany(s => s.Points.Where(p => shared.Contains(p.X)).Select(p => p.Y)).DefaultIfEmpty(0).Max(), chart.YUnit.Factor);
        var block = new StringBuilder();
        block.Append("```mermaid\n");
        block.Append("xychart-beta\n");
        block.Append(CultureInfo.InvariantCulture, $"    title \"{MarkdownText.Mermaid(chart.Title)}\"\n");
        block.Append(CultureInfo.InvariantCulture, $"    x-axis \"{MarkdownText.Mermaid(chart.XTitle)}\" [{string.Join(", ", shared.Select(x => $"\"{MarkdownText.Mermaid(chart.XLabel(x))}\""))}]\n");
        block.Append(CultureInfo.InvariantCulture, $"    y-axis \"{MarkdownText.Mermaid(chart.YTitle)}\" 0 --> {Numbers.Tick(scale.Top / chart.YUnit.Factor).Replace(",", string.Empty, StringComparison.Ordinal)}\n");
        foreach (var series in complete)
        {
            block.Append(CultureInfo.InvariantCulture, $"    line [{string.Join(", ", series.Points.Where(p => shared.Contains(p.X)).OrderBy(p => p.X).Select(p => Plain(p.Y / chart.YUnit.Factor)))}]\n");
        }

        block.Append("```\n");
        return (block.ToString(), complete.Select(s => s.Name).ToList(), chart.Series.Except(complete).Select(s => s.Name).ToList());
    }

    // Mermaid reads plain decimals: no thousands separators, no exponent.
    private static string Plain(double value) => Numbers.Significant(value).Replace(",", string.Empty, StringComparison.Ordinal);
}
