using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Sections;

/// <summary>
/// The first columns of a table of rows: the engine (and variant), then the case when the rows ran named cases, so
/// that a case reads as a column of its own instead of lengthening every engine name.
/// </summary>
internal sealed record RowLead(bool WithCase)
{
    public MarkdownTable Table(IEnumerable<string> headers, IEnumerable<ColumnAlignment>? alignments = null)
    {
        var rest = headers.ToList();
        var lead = WithCase ? new[] { "Engine", "Case" } : ["Engine"];
        return new MarkdownTable(
            [.. lead, .. rest],
            [.. lead.Select(_ => ColumnAlignment.Left), .. alignments ?? rest.Select(_ => ColumnAlignment.Right)]);
    }

    /// <summary>The row's leading cells; <paramref name="suffix"/> follows the engine name (" (ref)").</summary>
    public List<string> Cells(EngineRow row, string suffix)
    {
        ArgumentNullException.ThrowIfNull(row);
        var cells = new List<string> { MarkdownText.Inline(row.Name) + suffix };
        if (WithCase)
        {
            cells.Add(MarkdownText.Inline(row.Case));
        }

        return cells;
    }
}
