using System.Text;

namespace AsyncIoTools.Cli.Rendering;

/// <summary>
/// The CSV format (RFC 4180: CRLF line ends, a field with a comma, quote or line end quoted, quotes doubled): a
/// view's columns as the header line, then its rows; streamed rows write the header once, before the first.
/// Views with no table (headers and summaries for people) write nothing.
/// </summary>
public sealed class CsvRenderer(TextWriter output) : IOutputRenderer
{
    private IReadOnlyList<string>? _header;

    public bool ForPeople => false;

    public void Row<T>(T row, View<T> view, bool live = false) => Write(view, row);

    public void Document<T>(T value, View<T> view, bool live = false) => Write(view, value);

    public static string Field(string? value)
    {
        // Cells come from result files too, where an older or foreign writer may have left a field out.
        value ??= string.Empty;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private void Write<T>(View<T> view, T value)
    {
        if (view.Table?.Invoke(value) is not { Columns.Count: > 0 } table)
        {
            return;
        }

        var text = new StringBuilder();
        if (_header is null || !_header.SequenceEqual(table.Columns))
        {
            _header = table.Columns;
            Line(text, table.Columns);
        }

        foreach (var row in table.Rows)
        {
            Line(text, row);
        }

        output.Write(text.ToString());
        output.Flush();
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> cells) =>
        text.AppendJoin(',', cells.Select(Field)).Append("\r\n");
}
