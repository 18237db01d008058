using System.Globalization;
using System.Text;

namespace AsyncIoTools.Reports.Formatting;

/// <summary>
/// A GitHub-flavoured pipe table. Cells are markdown already (callers escape data with <see cref="MarkdownText"/>);
/// columns are padded so that the raw text reads as a table too, as BenchmarkDotNet's markdown does.
/// </summary>
public sealed class MarkdownTable
{
    private readonly string[] _headers;
    private readonly ColumnAlignment[] _alignments;
    private readonly List<string[]> _rows = [];

    public MarkdownTable(IReadOnlyList<string> headers, IReadOnlyList<ColumnAlignment> alignments)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(alignments);
        if (headers.Count == 0 || headers.Count != alignments.Count)
        {
            throw new ArgumentException("a table needs one alignment per header and at least one column", nameof(alignments));
        }

        _headers = [.. headers];
        _alignments = [.. alignments];
    }

    public int RowCount => _rows.Count;

    /// <summary>Adds a row; a cell that is empty is written as a dash so that no cell reads as missing.</summary>
    public MarkdownTable Add(IReadOnlyList<string> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count != _headers.Length)
        {
            throw new ArgumentException($"a row of {cells.Count} cells in a table of {_headers.Length} columns", nameof(cells));
        }

        _rows.Add(cells.Select(c => string.IsNullOrWhiteSpace(c) ? "–" : c).ToArray());
        return this;
    }

    public override string ToString()
    {
        var widths = new int[_headers.Length];
        for (var i = 0; i < widths.Length; i++)
        {
            widths[i] = Math.Max(3, _rows.Select(r => r[i].Length).Append(_headers[i].Length).Max());
        }

        var text = new StringBuilder();
        AppendRow(text, _headers, widths);
        text.Append('|');
        for (var i = 0; i < widths.Length; i++)
        {
            text.Append(_alignments[i] == ColumnAlignment.Right ? string.Concat(new string('-', widths[i] + 1), ":|") : string.Concat(":", new string('-', widths[i] + 1), "|"));
        }

        text.Append('\n');
        foreach (var row in _rows)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    private void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append('|');
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = _alignments[i] == ColumnAlignment.Right ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]);
            text.Append(CultureInfo.InvariantCulture, $" {cell} |");
        }

        text.Append('\n');
    }
}
