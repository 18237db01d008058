using System.Xml.Linq;

namespace AsyncIoTools.Architecture.Tests;

/// <summary>The projects of the repository and the project references in their csproj files, read from disk.</summary>
internal sealed class ProjectGraph
{
    private ProjectGraph(IReadOnlyDictionary<string, IReadOnlyList<string>> references) => References = references;

    /// <summary>Project name (the csproj's file name without AsyncIoTools.) → the projects it references directly.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> References { get; }

    public static ProjectGraph Load()
    {
        var projects = Directory.EnumerateFiles(RepositoryLayout.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(RepositoryLayout.Root, path)))
            .ToList();
        var references = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            var document = XDocument.Load(project);
            references[Name(project)] = document.Descendants("ProjectReference")
                .Select(r => Name(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .Order(StringComparer.Ordinal)
                .ToList();
        }

        return new ProjectGraph(references);
    }

    /// <summary>Every project <paramref name="project"/> reaches through references, itself excluded.</summary>
    public IReadOnlySet<string> Reachable(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>(References[project]);
        while (next.TryPop(out var current))
        {
            if (seen.Add(current))
            {
                foreach (var reference in References.GetValueOrDefault(current, []))
                {
                    next.Push(reference);
                }
            }
        }

        return seen;
    }

    private static string Name(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return name.StartsWith("AsyncIoTools.", StringComparison.Ordinal) ? name["AsyncIoTools.".Length..] : name;
    }

    private static bool IsBuildOutput(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "artifacts" or "node_modules");
}
