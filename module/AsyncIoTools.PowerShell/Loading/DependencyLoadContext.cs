using System.Reflection;
using System.Runtime.Loader;

namespace AsyncIoTools.PowerShell.Loading;

/// <summary>
/// The load context of the diagnostics stack (TraceEvent, Microsoft.Diagnostics.NETCore.Client, ClrMD and what
/// they need): assemblies in the module's <c>dependencies</c> folder load here, so PowerShell or another module
/// can hold other versions of them. The module's own assemblies at its root are shared with the cmdlets (one
/// AsyncIoToolsException, one LatencyHistogram); the framework comes from the default context.
/// </summary>
public sealed class DependencyLoadContext : AssemblyLoadContext
{
    public const string ContextName = "AsyncIoTools.Dependencies";

    private readonly string _root;
    private readonly string _dependencies;
    private readonly AssemblyLoadContext _host;

    public DependencyLoadContext(string moduleRoot, AssemblyLoadContext host)
        : base(ContextName, isCollectible: false)
    {
        _root = moduleRoot;
        _dependencies = Path.Combine(moduleRoot, ModuleFolders.Dependencies);
        _host = host;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        ArgumentNullException.ThrowIfNull(assemblyName);
        var file = assemblyName.Name + ".dll";
        var shared = Path.Combine(_root, file);
        if (File.Exists(shared))
        {
            return _host.Assemblies.FirstOrDefault(a => a.GetName().Name == assemblyName.Name) ?? _host.LoadFromAssemblyPath(shared);
        }

        var isolated = Path.Combine(_dependencies, file);
        return File.Exists(isolated) ? LoadFromAssemblyPath(isolated) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var candidate = Path.Combine(_dependencies, unmanagedDllName);
        return File.Exists(candidate) ? LoadUnmanagedDllFromPath(candidate) : IntPtr.Zero;
    }
}
