using System.Text;

namespace AsyncIoTools.Cli.Rendering;

/// <summary>A plain console table: a header, rows, columns padded to their widest cell; numbers align right.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        _rows.Add(cells);
    }

    public override string ToString()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        var text = new StringBuilder();
        Append(text, headers, widths);
        foreach (var row in _rows)
        {
            Append(text, row, widths);
        }

        return text.ToString();
    }

    /// <summary>One row laid out with the given widths (for rows streamed before the table is complete).</summary>
    public static string Line(IReadOnlyList<string> cells, IReadOnlyList<int> widths)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(widths);
        var text = new StringBuilder();
        Append(text, cells, widths);
        return text.ToString().TrimEnd('\n');
    }

    private static void Append(StringBuilder text, IReadOnlyList<string> cells, IReadOnlyList<int> widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var width = i < widths.Count ? widths[i] : cell.Length;
            var numeric = i > 0 && cell.Length > 0 && (char.IsDigit(cell[0]) || (cell[0] == '-' && cell.Length > 1 && char.IsDigit(cell[1])));
            line.Append(i == 0 ? string.Empty : "  ").Append(numeric ? cell.PadLeft(width) : cell.PadRight(width));
        }

        // No trailing blanks: copied output and golden files stay clean.
        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
