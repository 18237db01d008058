namespace AsyncIoTools.Reports.Exporters;

/// <summary>
/// Owns file naming for every exporter (as BenchmarkDotNet's <c>ExporterBase</c> does): the main file's name for
/// a folder, and companion files named beside it through <see cref="ArtifactNames"/>. Subclasses only render.
/// </summary>
public abstract class ReportExporterBase : IReportExporter
{
    public abstract string Name { get; }

    protected abstract string FileExtension { get; }

    protected virtual string DefaultFileStem => "report";

    public string MainPathFor(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var isFolder = Directory.Exists(output) || output.EndsWith(Path.DirectorySeparatorChar) || output.EndsWith(Path.AltDirectorySeparatorChar);
        return isFolder ? Path.Combine(output, $"{DefaultFileStem}.{FileExtension}") : output;
    }

    public ReportOutput Export(ReportModel model, string? mainPath)
    {
        ArgumentNullException.ThrowIfNull(model);
        var names = new ArtifactNames(mainPath);
        var text = Render(model, names);
        return new ReportOutput(mainPath, text, names.Artifacts);
    }

    protected abstract string Render(ReportModel model, ArtifactNames names);
}
