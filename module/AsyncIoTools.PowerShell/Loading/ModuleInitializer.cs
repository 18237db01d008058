using System.Management.Automation;

namespace AsyncIoTools.PowerShell.Loading;

/// <summary>Import-Module and Remove-Module hooks: install and remove the dependency load context.</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport() => DependencyIsolation.Install();

    public void OnRemove(PSModuleInfo psModuleInfo) => DependencyIsolation.Uninstall();
}
