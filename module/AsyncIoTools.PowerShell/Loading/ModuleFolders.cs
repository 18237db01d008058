using AsyncIoTools.Engines.Hosting;

namespace AsyncIoTools.PowerShell.Loading;

/// <summary>
/// The laid-out module: the cmdlets and the AsyncIoTools assemblies they share at the root, the diagnostics stack
/// in <see cref="Dependencies"/> (its own load context), and the aiotools CLI in <see cref="Cli"/> (servers and
/// load shards run as <c>aiotools</c> child processes, under the CLI's own runtime settings, not PowerShell's).
/// </summary>
public static class ModuleFolders
{
    public const string Dependencies = "dependencies";

    public const string Cli = "aiotools";

    /// <summary>The folder holding this assembly (the module's root).</summary>
    public static string Root => Path.GetDirectoryName(typeof(ModuleFolders).Assembly.Location) ?? AppContext.BaseDirectory;

    /// <summary>How to start aiotools: the module's copy of the CLI (a missing one is a one-line failure naming the folder).</summary>
    public static ServerLaunch ServerLaunch() => Engines.Hosting.ServerLaunch.Locate(Path.Combine(Root, Cli));
}
