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
}
