using System.Text;
using AsyncIoTools.Reports.Exporters;
using AsyncIoTools.Reports.Formatting;

namespace AsyncIoTools.Reports.Sections;

/// <summary>
/// The markdown being written, block by block: every block is followed by one blank line, so that tables, lists
/// and HTML blocks never run into each other. Text handed in is markdown already (escaped by the caller).
/// </summary>
internal sealed class MarkdownDocument
{
    private readonly StringBuilder _text = new();

    public MarkdownDocument(MarkdownDialect dialect, ArtifactNames names)
    {
        Dialect = dialect;
        Names = names;
    }

    public MarkdownDialect Dialect { get; }

    public ArtifactNames Names { get; }

    public void Heading(int level, string markdown) => Block(new string('#', level) + " " + markdown + "\n");

    public void Paragraph(string markdown) => Block(markdown + "\n");

    /// <summary>A blockquote warning, for what a reader must not miss (several machines, skipped inputs).</summary>
    public void Warning(string markdown) => Block("> ⚠ " + markdown + "\n");

    public void List(IEnumerable<string> items)
    {
        var text = string.Concat(items.Select(i => "- " + i + "\n"));
        if (text.Length > 0)
        {
            Block(text);
        }
    }

    public void Table(MarkdownTable table) => Block(table.ToString());

    public void Raw(string block) => Block(block.EndsWith('\n') ? block : block + "\n");

    /// <summary>Starts a part a reader may skip: folded away where HTML is allowed, else under a small heading.</summary>
    public void BeginDetails(string summary)
    {
        Block(Dialect.HtmlDetails ? $"<details><summary>{MarkdownText.Html(summary)}</summary>\n" : $"#### {MarkdownText.Inline(summary)}\n");
    }

    public void EndDetails()
    {
        if (Dialect.HtmlDetails)
        {
            Block("</details>\n");
        }
    }

    public override string ToString() => _text.ToString().TrimEnd('\n') + "\n";

    private void Block(string text)
    {
        _text.Append(text);
        _text.Append('\n');
    }
}
