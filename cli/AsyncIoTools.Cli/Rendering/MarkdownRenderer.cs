using System.Text;
using AsyncIoTools.Reports.Formatting;

namespace AsyncIoTools.Cli.Rendering;

/// <summary>
/// The markdown format, with the reports' table writer and escaping: a view's sentences as paragraphs around its
/// pipe table; a view with no table as a fenced text block; streamed rows as one table, its header before the first.
/// </summary>
public sealed class MarkdownRenderer(TextWriter output) : IOutputRenderer
{
    private IReadOnlyList<string>? _streaming;

    public bool ForPeople => true;

    public void Row<T>(T row, View<T> view, bool live = false)
    {
        if (view.Table?.Invoke(row) is not { Columns.Count: > 0 } table)
        {
            Document(row, view, live);
            return;
        }

        var text = new StringBuilder();
        if (_streaming is null || !_streaming.SequenceEqual(table.Columns))
        {
            EndStream(text);
            _streaming = table.Columns;
            text.Append(Table(table.Columns, [], Alignments(table)).ToString());
        }

        foreach (var cells in table.Rows)
        {
            // Rows arrive one by one, so they cannot be padded to the widest cell; the table reads the same.
            text.Append("| ").AppendJoin(" | ", cells.Select(Cell)).Append(" |\n");
        }

        Write(text);
    }

    public void Document<T>(T value, View<T> view, bool live = false)
    {
        var text = new StringBuilder();
        EndStream(text);
        if (view.Table?.Invoke(value) is not { } table)
        {
            text.Append("```text\n").Append(view.Text(value).Trim('\n')).Append("\n```\n\n");
            Write(text);
            return;
        }

        Paragraphs(text, table.Before);
        if (table.Columns.Count > 0)
        {
            text.Append(Table(table.Columns, table.Rows, Alignments(table)).ToString()).Append('\n');
        }

        Paragraphs(text, table.After);
        Write(text);
    }

    private void EndStream(StringBuilder text)
    {
        if (_streaming is not null)
        {
            text.Append('\n');
            _streaming = null;
        }
    }

    private static MarkdownTable Table(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<ColumnAlignment> alignments)
    {
        var table = new MarkdownTable([.. columns.Select(Cell)], alignments);
        foreach (var row in rows)
        {
            table.Add([.. row.Select(Cell)]);
        }

        return table;
    }

    /// <summary>Figures align right: a column whose every cell reads as a number.</summary>
    private static ColumnAlignment[] Alignments(TableData table) =>
    [
        .. table.Columns.Select((_, i) => table.Rows.Count > 0 && table.Rows.All(r => i < r.Count && IsNumber(r[i])) ? ColumnAlignment.Right : ColumnAlignment.Left),
    ];

    private static bool IsNumber(string cell) =>
        double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string Cell(string cell) => MarkdownText.Inline(cell);

    private static void Paragraphs(StringBuilder text, IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            text.Append(MarkdownText.Inline(line)).Append("\n\n");
        }
    }

    private void Write(StringBuilder text)
    {
        output.Write(text.ToString());
        output.Flush();
    }
}
