using System.Reflection;
using System.Runtime.Loader;

namespace AsyncIoTools.PowerShell.Loading;

/// <summary>
/// Wires the module's load context into the one PowerShell loaded the module into (the default context). The
/// cmdlets bind to the diagnostics through one narrow surface, the <see cref="BridgeAssemblies"/> (AsyncIoTools
/// code whose public API the cmdlets use carries only AsyncIoTools and framework types); only those are handed
/// to the <see cref="DependencyLoadContext"/> when the default context cannot find them, so a request for
/// TraceEvent from anyone else never gets ours. Kept free of PowerShell types: it runs, and is tested, without it.
/// </summary>
public static class DependencyIsolation
{
    /// <summary>Assemblies in the dependencies folder that the module's own code references.</summary>
    public static IReadOnlyList<string> BridgeAssemblies { get; } = ["AsyncIoTools.Diagnostics"];

    private static readonly Lock Gate = new();
    private static DependencyLoadContext? s_context;
    private static AssemblyLoadContext? s_host;
    private static bool s_installed;

    /// <summary>The module's dependency context, once installed.</summary>
    public static DependencyLoadContext? Context => s_context;

    /// <summary>Creates the context (once) and resolves the bridge assemblies through it; idempotent.</summary>
    public static DependencyLoadContext Install()
    {
        lock (Gate)
        {
            var module = typeof(DependencyIsolation).Assembly;
            s_host ??= AssemblyLoadContext.GetLoadContext(module) ?? AssemblyLoadContext.Default;
            s_context ??= new DependencyLoadContext(ModuleFolders.Root, s_host);
            if (!s_installed)
            {
                s_host.Resolving += Resolve;
                s_installed = true;
            }

            return s_context;
        }
    }

    /// <summary>Stops resolving (Remove-Module); assemblies already loaded stay, as .NET cannot unload them from a live context.</summary>
    public static void Uninstall()
    {
        lock (Gate)
        {
            if (s_installed && s_host is not null)
            {
                s_host.Resolving -= Resolve;
                s_installed = false;
            }
        }
    }

    private static Assembly? Resolve(AssemblyLoadContext host, AssemblyName name)
    {
        if (name.Name is not { } simple)
        {
            return null;
        }

        if (BridgeAssemblies.Contains(simple, StringComparer.Ordinal))
        {
            return s_context?.LoadFromAssemblyName(name);
        }

        // The module's own shared assemblies, wherever the host's probing would not look.
        var shared = Path.Combine(ModuleFolders.Root, simple + ".dll");
        return File.Exists(shared) ? host.LoadFromAssemblyPath(shared) : null;
    }
}
