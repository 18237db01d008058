using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Iocp;
using Xunit.Abstractions;

namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>One engine and variant under test, with how to start its server and what its probe says.</summary>
public sealed class EngineCase : IXunitSerializable
{
    public EngineCase()
    {
    }

    public EngineCase(string engine, string variant, ServerPlatform platform = ServerPlatform.Native)
    {
        Engine = engine;
        Variant = variant;
        Platform = platform;
    }

    public string Engine { get; private set; } = string.Empty;

    public string Variant { get; private set; } = string.Empty;

    public ServerPlatform Platform { get; private set; }

    /// <summary>
    /// Every engine and variant of the registry: the conformance suite runs them all, natively, except IOCP off
    /// Windows, which runs under Wine, where the Windows build's probe decides.
    /// </summary>
    public static TheoryData<EngineCase> All()
    {
        var data = new TheoryData<EngineCase>();
        foreach (var engine in EngineRegistry.Default.Engines)
        {
            foreach (var variant in engine.Variants)
            {
                // IOCP is a Windows API: off Windows its native case could only ever skip, so it runs under Wine instead.
                var underWine = !OperatingSystem.IsWindows() && engine.Name == IocpEngine.Definition.Name;
                data.Add(new EngineCase(engine.Name, variant.Name, underWine ? ServerPlatform.Wine : ServerPlatform.Native));
            }
        }

        return data;
    }

    /// <summary>Each engine once, in its default variant (iocp under Wine off Windows): for what does not differ between variants.</summary>
    public static TheoryData<EngineCase> Defaults()
    {
        var data = new TheoryData<EngineCase>();
        foreach (var engine in EngineRegistry.Default.Engines)
        {
            var underWine = !OperatingSystem.IsWindows() && engine.Name == IocpEngine.Definition.Name;
            data.Add(new EngineCase(engine.Name, engine.DefaultVariant.Name, underWine ? ServerPlatform.Wine : ServerPlatform.Native));
        }

        return data;
    }

    /// <summary>The engine's own probe (under Wine: Wine's readiness, then the Windows build's probe): the only reason a case may be skipped.</summary>
    public EngineAvailability Probe()
    {
        if (Platform == ServerPlatform.Wine)
        {
            return WineHost.Probe(Engine, Variant);
        }

        var definition = EngineRegistry.Default.TryFind(Engine) ?? throw new InvalidOperationException($"unknown engine {Engine}");
        return definition.ProbeVariant(definition.FindVariant(Variant)!);
    }

    /// <summary>The engine's descriptor ceiling (select: FD_SETSIZE), or null if it has none.</summary>
    public int? DescriptorCeiling => EngineRegistry.Default.TryFind(Engine)?.DescriptorCeiling;

    public static ServerLaunch Launch() => ServerLaunch.Locate();

    /// <summary>How to start this case's server: the build under test, or the win-x64 build under Wine.</summary>
    public ServerLaunch LaunchOnPlatform() => Platform == ServerPlatform.Wine ? WineHost.Launch() : Launch();

    public void Deserialize(IXunitSerializationInfo info)
    {
        Engine = info.GetValue<string>(nameof(Engine));
        Variant = info.GetValue<string>(nameof(Variant));
        Platform = Enum.Parse<ServerPlatform>(info.GetValue<string>(nameof(Platform)));
    }

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(Engine), Engine);
        info.AddValue(nameof(Variant), Variant);
        info.AddValue(nameof(Platform), Platform.ToString());
    }

    public override string ToString() => Platform == ServerPlatform.Native ? $"{Engine}:{Variant}" : $"{Engine}:{Variant}@{Platform.ToString().ToLowerInvariant()}";
}
