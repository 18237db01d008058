using System.Reflection;
using System.Runtime.InteropServices;

namespace AsyncIoTools.PowerShell.Tests.Support;

/// <summary>
/// The laid-out module opened with MetadataLoadContext against PowerShell's reference assembly: its cmdlets,
/// their parameters and output types, read the way PowerShell reads them, without loading anything.
/// </summary>
public static class ModuleMetadata
{
    private static readonly Lazy<MetadataLoadContext> LazyContext = new(Open);
    private static readonly Lazy<IReadOnlyList<CompiledCmdlet>> LazyCmdlets = new(ReadCmdlets);

    public static MetadataLoadContext Context => LazyContext.Value;

    public static Assembly Module => Context.LoadFromAssemblyPath(Repository.ModuleAssembly);

    public static IReadOnlyList<CompiledCmdlet> Cmdlets => LazyCmdlets.Value;

    public static CompiledCmdlet Cmdlet(string name) => Cmdlets.Single(c => c.Name == name);

    /// <summary>A type by full name from the module's assemblies (root and dependencies) or PowerShell's.</summary>
    public static Type? FindType(string fullName) =>
        new[] { "AsyncIoTools.PowerShell", "AsyncIoTools.Core", "AsyncIoTools.Results", "AsyncIoTools.Engines", "AsyncIoTools.Benchmarks", "AsyncIoTools.Reports", "AsyncIoTools.Diagnostics", "System.Management.Automation" }
            .Select(name => Context.LoadFromAssemblyName(name).GetType(fullName))
            .FirstOrDefault(t => t is not null);

    private static MetadataLoadContext Open()
    {
        var files = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(Directory.GetFiles(Repository.ModuleFolder, "*.dll"))
            .Concat(Directory.GetFiles(Path.Combine(Repository.ModuleFolder, "dependencies"), "*.dll"))
            .Append(Repository.PowerShellReference)
            .Concat(Directory.GetFiles(Path.Combine(Repository.ModuleFolder, "aiotools"), "*.dll"))
            .GroupBy(Path.GetFileName)
            .Select(g => g.First());
        return new MetadataLoadContext(new PathAssemblyResolver(files));
    }

    private static IReadOnlyList<CompiledCmdlet> ReadCmdlets()
    {
        var cmdlets = new List<CompiledCmdlet>();
        foreach (var type in Module.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            var cmdlet = type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute");
            if (cmdlet is null)
            {
                continue;
            }

            var defaultSet = cmdlet.NamedArguments.FirstOrDefault(n => n.MemberName == "DefaultParameterSetName").TypedValue.Value as string;
            var outputs = type.GetCustomAttributesData()
                .Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute")
                .SelectMany(a => a.ConstructorArguments.SelectMany(Values))
                .Select(v => v is Type t ? t.FullName! : v?.ToString() ?? string.Empty)
                .ToList();
            cmdlets.Add(new CompiledCmdlet(
                type.Name,
                type.FullName!,
                (string)cmdlet.ConstructorArguments[0].Value!,
                (string)cmdlet.ConstructorArguments[1].Value!,
                defaultSet,
                outputs,
                type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(ReadParameter).OfType<CmdletParameter>().ToList(),
                cmdlet.NamedArguments.Any(n => n.MemberName == "SupportsShouldProcess" && n.TypedValue.Value is true)));
        }

        return cmdlets;
    }

    private static CmdletParameter? ReadParameter(PropertyInfo property)
    {
        var attributes = property.GetCustomAttributesData();
        var parameters = attributes.Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute").ToList();
        if (parameters.Count == 0)
        {
            return null;
        }

        var sets = parameters.Select(p =>
        {
            T Named<T>(string name, T fallback) => p.NamedArguments.Where(n => n.MemberName == name).Select(n => (T)n.TypedValue.Value!).DefaultIfEmpty(fallback).First();
            return (Named("ParameterSetName", CmdletParameter.AllSets), Named("Mandatory", false), Named("Position", -1), Named("ValueFromPipeline", false), Named("ValueFromPipelineByPropertyName", false));
        }).ToList();
        var aliases = attributes.Where(a => a.AttributeType.FullName == "System.Management.Automation.AliasAttribute")
            .SelectMany(a => a.ConstructorArguments.SelectMany(Values)).Select(v => (string)v!).ToList();
        return new CmdletParameter(property.Name, property.PropertyType.FullName!, aliases, sets, attributes.Select(a => a.AttributeType.Name).ToList());
    }

    private static IEnumerable<object?> Values(CustomAttributeTypedArgument argument) =>
        argument.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : [argument.Value];
}
