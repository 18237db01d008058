using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Engines.Contract;
using Xunit;
using Xunit.Abstractions;

namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>One engine and variant under test, with how to start its server and what its probe says.</summary>
public sealed class EngineCase : IXunitSerializable
{
    public EngineCase()
    {
    }

    public EngineCase(string engine, string variant)
    {
        Engine = engine;
        Variant = variant;
    }

    public string Engine { get; private set; } = string.Empty;

    public string Variant { get; private set; } = string.Empty;

    /// <summary>Every engine and variant of the registry: the conformance suite runs them all.</summary>
    public static TheoryData<EngineCase> All()
    {
        var data = new TheoryData<EngineCase>();
        foreach (var engine in EngineRegistry.Default.Engines)
        {
            foreach (var variant in engine.Variants)
            {
                data.Add(new EngineCase(engine.Name, variant.Name));
            }
        }

        return data;
    }

    /// <summary>The engine's own probe: the only reason a conformance case may be skipped.</summary>
    public EngineAvailability Probe()
    {
        var definition = EngineRegistry.Default.TryFind(Engine) ?? throw new InvalidOperationException($"unknown engine {Engine}");
        return definition.ProbeVariant(definition.FindVariant(Variant)!);
    }

    /// <summary>The engine's descriptor ceiling (select: FD_SETSIZE), or null if it has none.</summary>
    public int? DescriptorCeiling => EngineRegistry.Default.TryFind(Engine)?.DescriptorCeiling;

    public static ServerLaunch Launch() => ServerLaunch.Locate();

    public void Deserialize(IXunitSerializationInfo info)
    {
        Engine = info.GetValue<string>(nameof(Engine));
        Variant = info.GetValue<string>(nameof(Variant));
    }

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(Engine), Engine);
        info.AddValue(nameof(Variant), Variant);
    }

    public override string ToString() => $"{Engine}:{Variant}";
}
