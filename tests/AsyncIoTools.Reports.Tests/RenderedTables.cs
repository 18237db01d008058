using System.Xml.Linq;
using Markdig;

namespace AsyncIoTools.Reports.Tests;

/// <summary>Every table of a markdown document as Markdig renders it to HTML: header cells and body rows of cell texts.</summary>
internal sealed record RenderedTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);

    public static IReadOnlyList<RenderedTable> Parse(string markdown)
    {
        var html = ToHtml(markdown);
        var tables = new List<RenderedTable>();
        var at = 0;
        while ((at = html.IndexOf("<table>", at, StringComparison.Ordinal)) >= 0)
        {
            var end = html.IndexOf("</table>", at, StringComparison.Ordinal) + "</table>".Length;
            var table = XElement.Parse(html[at..end]);
            var headers = table.Descendants("th").Select(c => c.Value).ToList();
            var rows = table.Descendants("tbody").Elements("tr").Select(r => (IReadOnlyList<string>)r.Elements("td").Select(c => c.Value).ToList()).ToList();
            tables.Add(new RenderedTable(headers, rows));
            at = end;
        }

        return tables;
    }

    /// <summary>The body row whose first cell starts with <paramref name="first"/>.</summary>
    public IReadOnlyList<string> Row(string first) => Rows.Single(r => r[0].StartsWith(first, StringComparison.Ordinal));

    public string Cell(string first, string header) => Row(first)[Headers.ToList().FindIndex(h => h.StartsWith(header, StringComparison.Ordinal))];
}
