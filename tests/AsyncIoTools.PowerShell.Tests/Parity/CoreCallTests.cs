using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Hosting;

namespace AsyncIoTools.PowerShell.Tests.Parity;

/// <summary>
/// Each cmdlet makes the same core calls as its CLI command (read from both assemblies' IL, lambdas and async
/// state machines included), so the two faces bind into the same options records and run the same operation.
/// </summary>
public sealed class CoreCallTests
{
    public static TheoryData<string> Commands() => [.. CommandPairs.All.Select(p => p.Command)];

    [Theory]
    [MemberData(nameof(Commands))]
    public void CmdletAndCliCommand_CallTheSameCore(string commandName)
    {
        var pair = CommandPairs.All.Single(p => p.Command == commandName);
        var cmdletCalls = IlCalls.Of(Repository.ModuleAssembly, ModuleMetadata.Cmdlet(pair.Cmdlet).FullClassName);
        var cliCalls = pair.CliTypes.SelectMany(t => IlCalls.Of(Repository.CliAssembly, t)).ToHashSet();
        Assert.All(pair.SharedCalls, call =>
        {
            Assert.True(cmdletCalls.Contains(call), $"{pair.Cmdlet} does not call {call}");
            Assert.True(cliCalls.Contains(call), $"aiotools {commandName} does not call {call}");
        });
    }

    [Fact]
    public void StartIoEngineServer_RunsTheCliServeCommandInAChildProcess()
    {
        // The cmdlet starts ServerProcess; ServerProcess runs "aiotools serve ... --control"; that command runs ServerHost.
        Assert.Contains("AsyncIoTools.Engines.Hosting.ServerProcess::StartAsync/4", IlCalls.Of(Repository.ModuleAssembly, "AsyncIoTools.PowerShell.Commands.StartIoEngineServerCommand"));
        var arguments = ServeArguments.For(new ServerSettings(), cpus: null, control: true);
        Assert.Equal("serve", arguments[0]);
        Assert.Contains("--control", arguments);
        Assert.Contains("AsyncIoTools.Engines.Hosting.ServerHost::RunAsync/5", IlCalls.Of(Repository.CliAssembly, "AsyncIoTools.Cli.Commands.ServeCommand"));
    }

    [Fact]
    public void ModuleCode_NeverReferencesTheIsolatedDependenciesDirectly()
    {
        // Only the bridge (AsyncIoTools.Diagnostics) crosses into the dependency context; TraceEvent, the
        // diagnostics client and ClrMD are reached through it alone.
        var references = ModuleMetadata.Module.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var isolated = IsolatedOnly();
        Assert.Equal(Loading.DependencyIsolation.BridgeAssemblies.Order(), references.Where(isolated.Contains).Order()!);
    }

    [Fact]
    public void BridgeMembersTheCmdletsUse_CarryOnlySharedTypes()
    {
        // Every type in the signatures of what the module uses from the bridge must come from an assembly both
        // sides share (AsyncIoTools at the module root, or the framework): never from an isolated dependency.
        var isolated = IsolatedOnly().Except(Loading.DependencyIsolation.BridgeAssemblies).ToHashSet();
        var bridge = ModuleMetadata.Context.LoadFromAssemblyName("AsyncIoTools.Diagnostics");
        var used = ModuleMetadata.Cmdlets.SelectMany(c => IlCalls.Of(Repository.ModuleAssembly, c.FullClassName))
            .Where(c => c.StartsWith("AsyncIoTools.Diagnostics.", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(used);
        foreach (var call in used)
        {
            var typeName = call[..call.IndexOf("::", StringComparison.Ordinal)];
            var member = call[(call.IndexOf("::", StringComparison.Ordinal) + 2)..call.LastIndexOf('/')];
            var type = bridge.GetType(typeName.Replace('/', '+'), throwOnError: true)!;
            var methods = type.GetMembers().OfType<System.Reflection.MethodBase>().Where(m => m.Name == member || (member == ".ctor" && m.IsConstructor));
            foreach (var method in methods)
            {
                var types = method.GetParameters().Select(p => p.ParameterType).Append((method as System.Reflection.MethodInfo)?.ReturnType).OfType<Type>();
                Assert.All(types.SelectMany(Flatten), t => Assert.DoesNotContain(t.Assembly.GetName().Name!, isolated));
            }
        }
    }

    private static IEnumerable<Type> Flatten(Type type) =>
        type.HasElementType ? Flatten(type.GetElementType()!) :
        type.IsGenericType ? type.GetGenericArguments().SelectMany(Flatten).Append(type.GetGenericTypeDefinition()) : [type];

    /// <summary>
    /// Assemblies only in dependencies/: the copies of root assemblies that the heap-snapshot helper needs beside it
    /// are never loaded from there (the root wins).
    /// </summary>
    private static HashSet<string> IsolatedOnly() =>
        Directory.GetFiles(Path.Combine(Repository.ModuleFolder, "dependencies"), "*.dll")
            .Where(file => !File.Exists(Path.Combine(Repository.ModuleFolder, Path.GetFileName(file))))
            .Select(file => Path.GetFileNameWithoutExtension(file)!)
            .ToHashSet();
}
