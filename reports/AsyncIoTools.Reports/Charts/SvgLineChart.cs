using System.Globalization;
using System.Text;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Charts;

/// <summary>
/// Draws a <see cref="LineChart"/> as a standalone SVG: white background (readable in dark viewers too), gridlines,
/// labelled axes with the unit, a legend, and for each series a colour and a dash pattern of its own (so that it
/// reads in grey print and for colour-blind readers; the palette is Okabe–Ito's). Output is deterministic.
/// </summary>
public static class SvgLineChart
{
    private const int Width = 760;
    private const int Height = 400;
    private const int Left = 76;
    private const int Right = 190;
    private const int Top = 48;
    private const int Bottom = 58;
    private const int PlotWidth = Width - Left - Right;
    private const int PlotHeight = Height - Top - Bottom;

    private static readonly string[] Colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"];
    private static readonly string[] Dashes = [string.Empty, "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4", "3 6"];

    public static string Render(LineChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var scale = NiceScale.UptoInUnit(chart.Series.SelectMany(s => s.Points.Select(p => p.Y)).DefaultIfEmpty(0).Max(), chart.YUnit.Factor);
        var svg = new StringBuilder();
        var title = MarkdownText.Html(chart.Title);
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{title}\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{title}</title>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>\n");
        svg.Append("<g font-family=\"-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif\" font-size=\"12\" fill=\"#24292f\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"26\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"600\">{title}</text>\n");

        foreach (var tick in scale.Ticks())
        {
            var y = Y(tick, scale);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{F(y)}\" x2=\"{Left + PlotWidth}\" y2=\"{F(y)}\" stroke=\"#d0d7de\" stroke-width=\"1\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{MarkdownText.Html(Numbers.Tick(tick / chart.YUnit.Factor))}</text>\n");
        }

        foreach (var x in chart.XValues)
        {
            var px = X(x, chart);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(px)}\" y1=\"{Top}\" x2=\"{F(px)}\" y2=\"{Top + PlotHeight}\" stroke=\"#eaeef2\" stroke-width=\"1\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(px)}\" y=\"{Top + PlotHeight + 18}\" text-anchor=\"middle\">{MarkdownText.Html(chart.XLabel(x))}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + PlotHeight}\" x2=\"{Left + PlotWidth}\" y2=\"{Top + PlotHeight}\" stroke=\"#57606a\" stroke-width=\"1\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + PlotHeight}\" stroke=\"#57606a\" stroke-width=\"1\"/>\n");
        var xTitle = MarkdownText.Html(chart.XTitle + (chart.LogarithmicX ? " (log scale)" : string.Empty));
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (PlotWidth / 2)}\" y=\"{Height - 14}\" text-anchor=\"middle\">{xTitle}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"rotate(-90)\" x=\"{-(Top + (PlotHeight / 2))}\" y=\"20\" text-anchor=\"middle\">{MarkdownText.Html(chart.YTitle)}</text>\n");

        for (var i = 0; i < chart.Series.Count; i++)
        {
            AppendSeries(svg, chart, chart.Series[i], i, scale);
        }

        svg.Append("</g>\n</svg>\n");
        return svg.ToString();
    }

    private static void AppendSeries(StringBuilder svg, LineChart chart, ChartSeries series, int index, NiceScale scale)
    {
        var colour = Colours[index % Colours.Length];
        var dash = Dashes[index % Dashes.Length];
        var dashAttribute = dash.Length == 0 ? string.Empty : $" stroke-dasharray=\"{dash}\"";
        var name = MarkdownText.Html(series.Name);
        var points = string.Join(' ', series.Points.Select(p => $"{F(X(p.X, chart))},{F(Y(p.Y, scale))}"));
        svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dashAttribute} points=\"{points}\"/>\n");
        foreach (var (x, y) in series.Points)
        {
            var label = MarkdownText.Html($"{series.Name} at {chart.XLabel(x)}: {chart.YUnit.FormatWithSymbol(y)}");
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(x, chart))}\" cy=\"{F(Y(y, scale))}\" r=\"3.5\" fill=\"{colour}\"><title>{label}</title></circle>\n");
        }

        var legendY = Top + 8 + (index * 20);
        var legendX = Left + PlotWidth + 16;
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{legendX}\" y1=\"{legendY}\" x2=\"{legendX + 26}\" y2=\"{legendY}\" stroke=\"{colour}\" stroke-width=\"2\"{dashAttribute}/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{legendX + 13}\" cy=\"{legendY}\" r=\"3.5\" fill=\"{colour}\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{legendX + 34}\" y=\"{legendY + 4}\">{name}</text>\n");
    }

    private static double X(double value, LineChart chart)
    {
        var first = chart.XValues[0];
        var last = chart.XValues[^1];
        if (last <= first)
        {
            return Left + (PlotWidth / 2.0);
        }

        var fraction = chart.LogarithmicX
            ? (Math.Log10(value) - Math.Log10(first)) / (Math.Log10(last) - Math.Log10(first))
            : (value - first) / (last - first);

        // Keep the end points off the axis lines.
        return Left + 20 + (fraction * (PlotWidth - 40));
    }

    private static double Y(double value, NiceScale scale) => Top + PlotHeight - (value / scale.Top * PlotHeight);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
