namespace AsyncIoTools.Tests.Support;

/// <summary>Where the repository and the build outputs the tests start as processes are, for the configuration under test.</summary>
public static class RepositoryLayout
{
    private static readonly Lazy<string> FoundRoot = new(FindRoot);

    /// <summary>The folder holding AsyncIoTools.sln, above the test assembly.</summary>
    public static string Root => FoundRoot.Value;

    /// <summary>The configuration the tests were built in (the folder above the test assembly's framework folder).</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>The apphost of a project under tests/targets, built for this configuration.</summary>
    public static string TargetBinary(string project, string frameworkFolder = "net10.0") =>
        Existing(System.IO.Path.Combine(Root, "tests", "targets", project, "bin", Configuration, frameworkFolder, Executable(project)));

    /// <summary>The aiotools apphost the solution build writes.</summary>
    public static string AiotoolsBinary => Existing(System.IO.Path.Combine(Root, "cli", "AsyncIoTools.Cli", "bin", Configuration, "net10.0", Executable("aiotools")));

    /// <summary>A path under the repository root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Executable(string name) => OperatingSystem.IsWindows() ? name + ".exe" : name;

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"build the solution first: {path} is missing", path);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "AsyncIoTools.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("no AsyncIoTools.sln above the test assembly");
    }
}
