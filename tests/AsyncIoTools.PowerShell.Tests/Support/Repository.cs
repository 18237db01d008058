using System.Reflection;

namespace AsyncIoTools.PowerShell.Tests.Support;

/// <summary>Where the repository, the laid-out module and the test targets are, for the configuration under test.</summary>
public static class Repository
{
    public static string Root => RepositoryLayout.Root;

    public static string Configuration { get; } = Metadata("Configuration");

    /// <summary>The importable module folder the module project lays out on build.</summary>
    public static string ModuleFolder => Path.Combine(Root, "artifacts", "module", Configuration, "AsyncIoTools");

    public static string ModuleAssembly => Path.Combine(ModuleFolder, "AsyncIoTools.PowerShell.dll");

    /// <summary>PowerShell's reference assembly (PowerShellStandard.Library): read, never loaded.</summary>
    public static string PowerShellReference { get; } = Metadata("PowerShellReference");

    public static string CliAssembly => Path.Combine(ModuleFolder, "aiotools", "aiotools.dll");

    public static string SourceFolder => Path.Combine(Root, "module", "AsyncIoTools.PowerShell");

    public static string Target(string project) => RepositoryLayout.TargetBinary(project);

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"no {key} metadata");
}
