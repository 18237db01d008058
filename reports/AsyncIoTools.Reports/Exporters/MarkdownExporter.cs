using AsyncIoTools.Reports.Sections;

namespace AsyncIoTools.Reports.Exporters;

/// <summary>The markdown report, in named dialects. Sections come in reading order, environment first.</summary>
public sealed class MarkdownExporter : ReportExporterBase
{
    public static MarkdownExporter GitHub { get; } = new(MarkdownDialect.GitHub);

    public static MarkdownExporter Plain { get; } = new(MarkdownDialect.Plain);

    public static MarkdownExporter Default => GitHub;

    private MarkdownExporter(MarkdownDialect dialect) => Dialect = dialect;

    public MarkdownDialect Dialect { get; }

    public override string Name => "markdown-" + Dialect.Name;

    protected override string FileExtension => "md";

    protected override string Render(ReportModel model, ArtifactNames names)
    {
        var document = new MarkdownDocument(Dialect, names);
        HeaderSection.Write(model, document);
        EnvironmentSection.Write(model, document);
        ClaimsSection.Write(model, document);
        BaselineSection.Write(model, document);
        ScenarioSection.Write(model, document);
        LoadRunsSection.Write(model, document);
        MicroSection.Write(model, document);
        InputsSection.Write(model, document);
        return document.ToString();
    }
}
