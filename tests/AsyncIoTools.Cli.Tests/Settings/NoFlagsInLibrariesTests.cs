using System.Text.RegularExpressions;
using AsyncIoTools.Cli.Tests.Rendering;

namespace AsyncIoTools.Cli.Tests.Settings;

/// <summary>
/// The core speaks of settings, not of one face's flags: a string literal in a library that names <c>--flag</c> would
/// show a PowerShell user an option they never typed. Failures name settings (<c>AsyncIoToolsException.ForSettings</c>),
/// child command lines come from <c>ChildArguments</c>.
/// </summary>
public sealed partial class NoFlagsInLibrariesTests
{
    /// <summary>Files allowed to hold a flag, each with why.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["reports/AsyncIoTools.Reports/Claims/ClaimCatalogue.cs"] = "reproduction commands: a report says which aiotools command re-measures a claim",
        ["reports/AsyncIoTools.Reports/Incidents/IncidentReport.cs"] = "reproduction commands: an incident report says which aiotools commands look further",
    };

    private static readonly string[] Libraries = ["core", "engines", "benchmarks/AsyncIoTools.Benchmarks", "diagnostics", "reports"];

    [Fact]
    public void LibraryStrings_NameNoCliFlag()
    {
        var found = new List<string>();
        foreach (var library in Libraries)
        {
            var root = Path.Combine(GoldenFiles.Repository, library);
            foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
            {
                var relative = Path.GetRelativePath(GoldenFiles.Repository, file).Replace('\\', '/');
                if (Allowed.ContainsKey(relative))
                {
                    continue;
                }

                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (!lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) && FlagInString().IsMatch(lines[i]))
                    {
                        found.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }
        }

        Assert.True(found.Count == 0, "library strings that name a CLI flag (name a Setting instead):\n" + string.Join("\n", found));
    }

    [Fact]
    public void AllowedFiles_StillExist() =>
        Assert.All(Allowed.Keys, f => Assert.True(File.Exists(Path.Combine(GoldenFiles.Repository, f)), $"{f} is allowed a flag but no longer exists: drop it from the list"));

    /// <summary>A double-quoted string holding --word.</summary>
    [GeneratedRegex("\"[^\"]*(?<![\\w-])--[a-z][a-z-]*")]
    private static partial Regex FlagInString();
}
