namespace AsyncIoTools.Cli.Rendering;

/// <summary>What <c>--format</c> names: how a command's results are written to standard output.</summary>
public enum OutputFormat
{
    /// <summary>Tables and sentences for people (the default).</summary>
    Text,

    /// <summary>One JSON document (a stable contract for scripts), or JSON lines for a session streamed until stopped.</summary>
    Json,

    /// <summary>GitHub-flavoured markdown: the sentences as paragraphs, the tables as pipe tables.</summary>
    Markdown,

    /// <summary>RFC 4180 CSV of the table (invariant culture, raw figures, the JSON names as column headers).</summary>
    Csv,
}
