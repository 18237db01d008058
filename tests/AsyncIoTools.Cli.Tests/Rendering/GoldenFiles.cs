namespace AsyncIoTools.Cli.Tests.Rendering;

/// <summary>
/// Output compared with a committed file under <c>Rendering/Golden/</c>, byte for byte: what people read and scripts
/// parse must not drift. <c>AIOTOOLS_UPDATE_GOLDEN=1</c> rewrites the files (review the diff before committing).
/// </summary>
public static class GoldenFiles
{
    public static string Repository { get; } = FindRepository();

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(Repository, "tests", "AsyncIoTools.Cli.Tests", "Fixtures", name));

    public static string Read(string name) => File.ReadAllText(Path.Combine(Repository, "tests", "AsyncIoTools.Cli.Tests", "Rendering", "Golden", name));

    public static void Check(string name, string actual)
    {
        var path = Path.Combine(Repository, "tests", "AsyncIoTools.Cli.Tests", "Rendering", "Golden", name);
        if (Environment.GetEnvironmentVariable("AIOTOOLS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"no golden file {name}; run with AIOTOOLS_UPDATE_GOLDEN=1 to write it");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    private static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AsyncIoTools.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (AsyncIoTools.sln) is not above " + AppContext.BaseDirectory);
    }
}
