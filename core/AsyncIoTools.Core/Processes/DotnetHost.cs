using System.Runtime.InteropServices;

namespace AsyncIoTools.Processes;

/// <summary>
/// The dotnet host (muxer) that runs our framework-dependent helpers (<c>dotnet aiotools.dll</c>,
/// <c>dotnet AsyncIoTools.HeapSnapshot.dll</c>) when no apphost is beside them.
/// </summary>
public static class DotnetHost
{
    /// <summary>
    /// DOTNET_HOST_PATH when the SDK set it; else the host of the runtime that runs us; else "dotnet" from PATH
    /// (a self-contained host such as pwsh has no muxer beside its runtime).
    /// </summary>
    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        // The runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/; the host is <root>/dotnet.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    /// <summary>
    /// How to start our program <paramref name="name"/> from <paramref name="directory"/>: its apphost, or
    /// <c>name.dll</c> run by the dotnet host; null when neither is there. An apphost that lost its execute bit (a
    /// module installed from a PSResource repository or any zip unpacks it so) is passed over for the dll.
    /// </summary>
    public static (string FileName, IReadOnlyList<string> PrefixArguments)? CommandFor(string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(name);
        var appHost = Path.Combine(directory, OperatingSystem.IsWindows() ? name + ".exe" : name);
        if (File.Exists(appHost) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(appHost) & UnixFileMode.UserExecute) != 0))
        {
            return (appHost, []);
        }

        var assembly = Path.Combine(directory, name + ".dll");
        return File.Exists(assembly) ? (Locate(), [assembly]) : null;
    }
}
