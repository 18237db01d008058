namespace AsyncIoTools.Reports.Exporters;

/// <summary>What a markdown flavour can show beyond CommonMark and pipe tables.</summary>
/// <param name="Mermaid">Mermaid code blocks render as charts (GitHub, GitLab).</param>
/// <param name="HtmlDetails">Raw HTML &lt;details&gt; folds long tables away (GitHub); else they get a heading.</param>
public sealed record MarkdownDialect(string Name, bool Mermaid, bool HtmlDetails)
{
    public static MarkdownDialect GitHub { get; } = new("github", Mermaid: true, HtmlDetails: true);

    /// <summary>CommonMark with pipe tables and images only: for renderers that show raw HTML or mermaid as text.</summary>
    public static MarkdownDialect Plain { get; } = new("plain", Mermaid: false, HtmlDetails: false);
}
