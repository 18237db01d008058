using System.Reflection;
using System.Runtime.CompilerServices;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Architecture.Tests;

/// <summary>
/// Interop stays behind its rooms' doors: no public type in an Interop namespace, and the engines' internals
/// are seen by exactly the friends ARCHITECTURE.md names (the engines' tests, and the micro-benchmarks that
/// measure the interop layer itself); the core's by none.
/// </summary>
public sealed class InteropTests
{
    private static readonly Assembly Engines = typeof(EngineCounters).Assembly;
    private static readonly Assembly Core = typeof(CpuAffinity).Assembly;

    [Fact]
    public void EnginesInterop_HasNoPublicType()
    {
        var exposed = PublicTypesIn(Engines, "AsyncIoTools.Engines.Interop");

        Assert.True(exposed.Count == 0, $"public interop types: {string.Join(", ", exposed)}");
        Assert.Contains(Engines.GetTypes(), t => t.Namespace == "AsyncIoTools.Engines.Interop");
    }

    [Fact]
    public void CoreInterop_HasNoPublicType()
    {
        var exposed = PublicTypesIn(Core, "AsyncIoTools.Interop");

        Assert.True(exposed.Count == 0, $"public interop types: {string.Join(", ", exposed)}");
        Assert.Contains(Core.GetTypes(), t => t.Namespace == "AsyncIoTools.Interop");
    }

    [Fact]
    public void EnginesInternals_AreSeenByExactlyTheNamedFriends()
    {
        Assert.Equal(["AsyncIoTools.Engines.Tests", "AsyncIoTools.Micro"], Friends(Engines));
    }

    [Fact]
    public void CoreInternals_AreSeenByNobody()
    {
        Assert.Empty(Friends(Core));
    }

    private static List<string> PublicTypesIn(Assembly assembly, string ns) =>
        assembly.GetExportedTypes().Where(t => t.Namespace == ns).Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();

    private static List<string> Friends(Assembly assembly) =>
        assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).Order(StringComparer.Ordinal).ToList();
}
