namespace AsyncIoTools.Architecture.Tests;

/// <summary>
/// Small rooms: a C# file over <see cref="MaxLines"/> lines does several jobs and is split by job (partial files on
/// one object, as LoadWorker and IoUringLoop are), unless the allow-list below says why it may not be.
/// </summary>
public sealed class FileSizeTests
{
    public const int MaxLines = 400;

    /// <summary>Repository-relative path → why it may be longer. Empty: every file fits.</summary>
    private static readonly Dictionary<string, string> AllowList = new(StringComparer.Ordinal);

    [Fact]
    public void EveryCSharpFile_FitsOrSaysWhyNot()
    {
        var sources = SourceFiles().ToList();
        var tooLong = sources
            .Select(path => (Path: Relative(path), Lines: File.ReadLines(path).Count()))
            .Where(file => file.Lines > MaxLines && !AllowList.ContainsKey(file.Path))
            .Select(file => $"{file.Path} ({file.Lines} lines)")
            .ToList();

        Assert.True(sources.Count > 500, $"only {sources.Count} C# files found under {RepositoryLayout.Root}");
        Assert.True(tooLong.Count == 0, $"over {MaxLines} lines without a reason in FileSizeTests.AllowList: {string.Join(", ", tooLong)}");
    }

    [Fact]
    public void AllowList_NamesOnlyFilesThatExistAndNeedIt()
    {
        foreach (var (path, reason) in AllowList)
        {
            var full = Path.Combine(RepositoryLayout.Root, path);
            Assert.True(File.Exists(full), $"{path} is allowed but gone");
            Assert.True(File.ReadLines(full).Count() > MaxLines, $"{path} is allowed but fits now: take it off the list");
            Assert.False(string.IsNullOrWhiteSpace(reason), $"{path} has no reason");
        }
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(RepositoryLayout.Root, "*.cs", SearchOption.AllDirectories)
            .Where(path => !Relative(path).Split('/').Any(part => part is "bin" or "obj" or "artifacts" or "node_modules" or ".git"));

    private static string Relative(string path) => Path.GetRelativePath(RepositoryLayout.Root, path).Replace('\\', '/');
}
