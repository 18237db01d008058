using System.Text.RegularExpressions;

namespace AsyncIoTools.Cli.Tests.Docs;

/// <summary>The lines of the README's shell blocks that run aiotools, as a reader copies them.</summary>
internal static partial class ReadmeShellLines
{
    /// <summary>Each shell block's aiotools lines, in the README's order.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Blocks()
    {
        var readme = File.ReadAllText(RepositoryLayout.Path("README.md"));
        return [.. ShellBlock().Matches(readme)
            .Select(block => (IReadOnlyList<string>)[.. block.Groups[1].Value.Split('\n').Where(l => l.StartsWith("aiotools ", StringComparison.Ordinal)).Select(l => l.TrimEnd())])
            .Where(lines => lines.Count > 0)];
    }

    public static IEnumerable<string> All() => Blocks().SelectMany(b => b);

    /// <summary>The line without its trailing comment.</summary>
    public static string WithoutComment(string line) => Comment().Replace(line, string.Empty);

    [GeneratedRegex(@"(?ms)^```(?:bash|sh)\n(.*?)^```")]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"\s+#.*$")]
    private static partial Regex Comment();
}
