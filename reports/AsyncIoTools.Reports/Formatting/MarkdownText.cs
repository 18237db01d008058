using System.Text;

namespace AsyncIoTools.Reports.Formatting;

/// <summary>
/// Escaping of everything a report writes into markdown from data it did not choose (engine names, reasons,
/// command lines, file names). Text arrives on one line (newlines would end a table row or a paragraph), with
/// markdown's inline syntax, table pipes and HTML neutralised, so that it reads as what it is.
/// </summary>
public static class MarkdownText
{
    // Characters that start inline syntax: emphasis, code, links, HTML, strikethrough, table cells, escapes.
    // An underscore inside a word (io_uring, FD_SETSIZE) cannot open or close emphasis and is left as it reads.
    private const string InlineSpecials = "\\`*_[]<>|~";

    /// <summary>Plain text for a paragraph, heading, list item or table cell.</summary>
    public static string Inline(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var flat = OneLine(text);
        var escaped = new StringBuilder(flat.Length + 8);
        for (var i = 0; i < flat.Length; i++)
        {
            var c = flat[i];
            if (c == '_' && i > 0 && i < flat.Length - 1 && char.IsLetterOrDigit(flat[i - 1]) && char.IsLetterOrDigit(flat[i + 1]))
            {
                escaped.Append(c);
            }
            else if (c == '&')
            {
                // A bare & could start an entity (&lt;) that would render as another character.
                escaped.Append("&amp;");
            }
            else
            {
                if (InlineSpecials.Contains(c, StringComparison.Ordinal))
                {
                    escaped.Append('\\');
                }

                escaped.Append(c);
            }
        }

        return EscapeBlockStart(escaped);
    }

    /// <summary>
    /// A code span (commands, paths): a backtick fence longer than any run inside. A pipe would end a table cell
    /// even inside a code span, and renderers disagree on <c>\|</c> there (GitHub unescapes it, CommonMark
    /// renderers keep the backslash), so in a table a text with a pipe is written as escaped plain text instead.
    /// </summary>
    public static string Code(string? text, bool inTable = false)
    {
        var flat = OneLine(text ?? string.Empty);
        if (inTable && flat.Contains('|', StringComparison.Ordinal))
        {
            return Inline(flat);
        }

        var longestRun = 0;
        var run = 0;
        foreach (var c in flat)
        {
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        var fence = new string('`', longestRun + 1);

        // A span that begins or ends with a backtick (or is blank) needs a space inside the fence.
        var pad = flat.Length == 0 || flat[0] == '`' || flat[^1] == '`' || flat[0] == ' ' ? " " : string.Empty;
        return fence + pad + flat + pad + fence;
    }

    /// <summary>Text for the inside of an HTML element or attribute (SVG, &lt;summary&gt;).</summary>
    public static string Html(string? text) => OneLine(text ?? string.Empty)
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary>A label inside a mermaid block: no quotes, brackets, backticks or fences, which mermaid or the fence would read.</summary>
    public static string Mermaid(string? text)
    {
        var flat = OneLine(text ?? string.Empty);
        var kept = new StringBuilder(flat.Length);
        foreach (var c in flat)
        {
            kept.Append(c is '"' or '`' or '[' or ']' or ';' or '#' or '%' or '{' or '}' ? ' ' : c);
        }

        return kept.ToString().Trim();
    }

    // Text may land at the start of a line (a list item's body): "# x", "- x", "+ x", "1. x", "1) x" or a line
    // of only = or - would make a heading, a list or a rule of it. Other leading characters are left as they read.
    private static string EscapeBlockStart(StringBuilder text)
    {
        static bool EndsMarker(StringBuilder t, int at) => at >= t.Length || t[at] == ' ';

        if (text.Length == 0)
        {
            return string.Empty;
        }

        var first = text[0];
        var onlyFirst = text.ToString().All(c => c == first);
        if ((first is '#' or '+' or '-' && EndsMarker(text, 1)) || (first is '#' or '=' or '-' && onlyFirst))
        {
            text.Insert(0, '\\');
            return text.ToString();
        }

        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits > 0 && digits < text.Length && text[digits] is '.' or ')' && EndsMarker(text, digits + 1))
        {
            text.Insert(digits, '\\');
        }

        return text.ToString();
    }

    /// <summary>Newlines, tabs and other control characters become single spaces.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            var space = char.IsControl(c) || c is '\u2028' or '\u2029';
            if (space)
            {
                if (!lastWasSpace)
                {
                    line.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            line.Append(c);
            lastWasSpace = c == ' ';
        }

        return line.ToString().Trim();
    }
}
