using System.Text.RegularExpressions;

namespace AsyncIoTools.Architecture.Tests;

/// <summary>
/// ARCHITECTURE.md cannot rot: every repository path it names in backticks exists, and its "who may call whom"
/// table is exactly the csproj files' project references (a reference added without the table, or the table
/// promising what the csproj files do not hold, fails here).
/// </summary>
public sealed partial class ArchitectureDocumentTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "ARCHITECTURE.md"));

    [Fact]
    public void EveryPathItNames_Exists()
    {
        var paths = NamedPaths().ToList();
        var missing = paths.Where(p => !Exists(p.Path) && !(p.Project is { } project && Exists(Path.Combine(project, p.Path))))
            .Select(p => p.Project is null ? p.Path : $"{p.Path} (in {p.Project})")
            .ToList();

        Assert.True(paths.Count >= 60, $"only {paths.Count} paths found: is the document still written with repository paths?");
        Assert.True(missing.Count == 0, $"ARCHITECTURE.md names paths that do not exist: {string.Join(", ", missing)}");
    }

    [Fact]
    public void WhoMayCallWhom_IsTheProjectReferences()
    {
        var table = ReferenceTable();
        var actual = ProjectGraph.Load().References;

        Assert.Equal(actual.Keys.Order(StringComparer.Ordinal), table.Keys.Order(StringComparer.Ordinal));
        foreach (var (project, references) in actual)
        {
            Assert.True(
                references.Order(StringComparer.Ordinal).SequenceEqual(table[project].Order(StringComparer.Ordinal)),
                $"{project}: the csproj references [{string.Join(", ", references)}], ARCHITECTURE.md says [{string.Join(", ", table[project])}]");
        }
    }

    private static Dictionary<string, IReadOnlyList<string>> ReferenceTable()
    {
        var section = Document[Document.IndexOf("## Who may call whom", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var rows = section.Split('\n')
            .Where(line => line.StartsWith('|') && !line.StartsWith("| Project", StringComparison.Ordinal) && !line.StartsWith("| ---", StringComparison.Ordinal))
            .Select(line => line.Trim('|').Split('|', StringSplitOptions.TrimEntries))
            .ToList();
        return rows.ToDictionary(
            cells => cells[0],
            cells => (IReadOnlyList<string>)(cells[1] == "—" ? [] : cells[1].Split(',', StringSplitOptions.TrimEntries)),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// The paths in backticks, each with the project folder (a path ending in AsyncIoTools.Something) named last
    /// before it in the same paragraph or list item: the code map names folders relative to their project.
    /// </summary>
    private static IEnumerable<(string Path, string? Project)> NamedPaths()
    {
        foreach (var block in Regex.Split(Document, @"\n(?=- |\d+\. |\n)"))
        {
            string? project = null;
            foreach (var path in Backticked().Matches(block).Select(m => m.Groups[1].Value).Where(LooksLikePath))
            {
                yield return (path, project);
                if (Path.GetFileName(path.TrimEnd('/')).StartsWith("AsyncIoTools.", StringComparison.Ordinal) && Exists(path))
                {
                    project = path;
                }
            }
        }
    }

    private static bool Exists(string path)
    {
        var full = Path.Combine(RepositoryLayout.Root, path);
        return File.Exists(full) || Directory.Exists(full);
    }

    private static bool LooksLikePath(string text) =>
        text.Contains('/', StringComparison.Ordinal) && !text.Contains(' ', StringComparison.Ordinal) && !text.StartsWith("aiotools.", StringComparison.Ordinal);

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex Backticked();
}
