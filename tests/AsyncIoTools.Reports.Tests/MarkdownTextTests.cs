using System.Xml.Linq;
using AsyncIoTools.Reports.Formatting;

namespace AsyncIoTools.Reports.Tests;

/// <summary>Escaped text must come out of a real markdown renderer (Markdig) as exactly the text that went in.</summary>
public class MarkdownTextTests
{
    public static TheoryData<string> Hostile =>
    [
        "a|b", "| leading pipe", "`tick`", "``double`` ticks", "trailing `", "<script>alert(1)</script>", "&lt; is an entity",
        "*em* and _under_ and **strong**", "# heading", "- item", "+ item", "1. one", "2) two", "[link](http://example.org)",
        "![img](x.png)", "line\nbreak\r\nand\ttab", "back\\slash", "~~strike~~", "===", "---", "a <b>b</b> & c", "µs → ms",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Inline_InAParagraph_RendersAsTheSameText(string text)
    {
        Assert.Equal("x " + MarkdownText.OneLine(text), Paragraph("x " + MarkdownText.Inline(text)));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Inline_AtTheStartOfAListItem_RendersAsTheSameText(string text)
    {
        var html = RenderedTable.ToHtml("- " + MarkdownText.Inline(text) + "\n");
        var item = XElement.Parse(html.Trim()).Descendants("li").Single();
        Assert.DoesNotContain(item.Elements(), e => e.Name != "p");
        Assert.Equal(MarkdownText.OneLine(text), item.Value);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Inline_InATableCell_StaysInItsCell(string text)
    {
        var table = Assert.Single(RenderedTable.Parse($"| a | b |\n|---|---|\n| {MarkdownText.Inline(text)} | end |\n"));
        Assert.Equal([MarkdownText.OneLine(text), "end"], table.Rows.Single());
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Code_InATableCell_StaysInItsCell(string text)
    {
        var table = Assert.Single(RenderedTable.Parse($"| a | b |\n|---|---|\n| {MarkdownText.Code(text, inTable: true)} | end |\n"));
        Assert.Equal([MarkdownText.OneLine(text), "end"], table.Rows.Single());
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Code_InAParagraph_RendersAsTheSameText(string text)
    {
        Assert.Equal(MarkdownText.OneLine(text), Paragraph(MarkdownText.Code(text)));
    }

    [Fact]
    public void Html_EscapesMarkupAndQuotes()
    {
        Assert.Equal("&lt;a href=&quot;x&quot;&gt; &amp; &#39;", MarkdownText.Html("<a href=\"x\"> & '"));
    }

    [Fact]
    public void Mermaid_DropsWhatWouldEndALabelOrTheFence()
    {
        var label = MarkdownText.Mermaid("a \"quoted\" [x] `y`\nz");
        Assert.DoesNotContain('"', label);
        Assert.DoesNotContain('`', label);
        Assert.DoesNotContain('[', label);
        Assert.DoesNotContain('\n', label);
    }

    private static string Paragraph(string markdown)
    {
        var html = RenderedTable.ToHtml(markdown).Trim();
        return XElement.Parse(html).Value;
    }
}
