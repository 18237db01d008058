using System.Globalization;

namespace AsyncIoTools.Reports.Exporters;

/// <summary>
/// Names the files written beside a report: <c>STEM-SLUG.EXT</c> in the report's folder, unique within one
/// report, linked by their bare name so that the folder can be moved or committed as a whole.
/// </summary>
public sealed class ArtifactNames
{
    private readonly string? _directory;
    private readonly string _stem;
    private readonly List<ReportArtifact> _artifacts = [];
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

    public ArtifactNames(string? mainPath)
    {
        if (mainPath is not null)
        {
            var full = Path.GetFullPath(mainPath);
            _directory = Path.GetDirectoryName(full);
            _stem = Path.GetFileNameWithoutExtension(full);
        }
        else
        {
            _stem = "report";
        }
    }

    /// <summary>False when the report goes to standard output: there is nowhere to put companion files.</summary>
    public bool CanWriteCompanions => _directory is not null;

    public IReadOnlyList<ReportArtifact> Artifacts => _artifacts;

    /// <summary>Registers a companion and returns the relative link to it, or null when there is no folder for it.</summary>
    public string? Add(string slug, string extension, string content)
    {
        ArgumentNullException.ThrowIfNull(slug);
        if (_directory is null)
        {
            return null;
        }

        var name = $"{_stem}-{slug}.{extension}";
        for (var attempt = 2; !_taken.Add(name); attempt++)
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{_stem}-{slug}-{attempt}.{extension}");
        }

        _artifacts.Add(new ReportArtifact(Path.Combine(_directory, name), content));
        return name;
    }
}
