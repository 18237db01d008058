using System.Text;

namespace AsyncIoTools.Cli.Rendering;

/// <summary>
/// A plain console table: a header, rows, columns padded to their widest cell. Cells that read as numbers align
/// right, as do columns named in <see cref="AlignRight"/>; <see cref="Ruled"/> underlines the header.
/// </summary>
public sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];
    private bool _ruled;

    public TextTable(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _headers = headers;
        _rightAligned = new bool[headers.Length];
    }

    /// <summary>Right-aligns the named columns, headers included (figures read best aligned on their units).</summary>
    public TextTable AlignRight(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var column in columns)
        {
            _rightAligned[Array.IndexOf(_headers, column)] = true;
        }

        return this;
    }

    /// <summary>Draws a line of dashes under the header.</summary>
    public TextTable Ruled()
    {
        _ruled = true;
        return this;
    }

    public void Add(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        _rows.Add(cells.Select(c => c ?? string.Empty).ToArray());
    }

    public override string ToString()
    {
        var widths = _headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        var text = new StringBuilder();
        Append(text, _headers, widths, _rightAligned, header: true);
        if (_ruled)
        {
            text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        }

        foreach (var row in _rows)
        {
            Append(text, row, widths, _rightAligned, header: false);
        }

        return text.ToString();
    }

    /// <summary>One row laid out with the given widths (for rows streamed before the table is complete).</summary>
    public static string Line(IReadOnlyList<string> cells, IReadOnlyList<int> widths)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(widths);
        var text = new StringBuilder();
        Append(text, cells, widths, [], header: false);
        return text.ToString().TrimEnd('\n');
    }

    private static void Append(StringBuilder text, IReadOnlyList<string> cells, IReadOnlyList<int> widths, bool[] rightAligned, bool header)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var width = i < widths.Count ? widths[i] : cell.Length;
            var right = (i < rightAligned.Length && rightAligned[i]) || (!header && i > 0 && LooksNumeric(cell));
            line.Append(i == 0 ? string.Empty : "  ").Append(right ? cell.PadLeft(width) : cell.PadRight(width));
        }

        // No trailing blanks: copied output and golden files stay clean.
        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    private static bool LooksNumeric(string cell) =>
        cell.Length > 0 && (char.IsDigit(cell[0]) || (cell[0] == '-' && cell.Length > 1 && char.IsDigit(cell[1])));
}
