namespace AsyncIoTools.Reports.Exporters;

/// <summary>Renders a <see cref="ReportModel"/> in one format (as BenchmarkDotNet's <c>IExporter</c>: a name and an export).</summary>
public interface IReportExporter
{
    string Name { get; }

    /// <summary>The main file for an output location: a folder gets the exporter's default file name inside.</summary>
    string MainPathFor(string output);

    /// <summary>Renders; companions are named beside <paramref name="mainPath"/> (none when it is null). Writes nothing.</summary>
    ReportOutput Export(ReportModel model, string? mainPath);
}
