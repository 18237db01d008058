using AsyncIoTools.Engines.DotNet;
using AsyncIoTools.Engines.Epoll;
using AsyncIoTools.Engines.Iocp;
using AsyncIoTools.Engines.Poll;
using AsyncIoTools.Engines.Select;
using AsyncIoTools.Engines.Threads;
using AsyncIoTools.Failures;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.Contract;

/// <summary>The engines this build knows, by name, with lookups that fail with a message naming the choices.</summary>
public sealed class EngineRegistry
{
    public EngineRegistry(IEnumerable<EngineDefinition> engines) => Engines = engines.ToArray();

    public static EngineRegistry Default { get; } = new(
    [
        SelectEngine.Definition,
        PollEngine.Definition,
        EpollEngine.Definition,
        IoUring.IoUringEngine.Definition,
        IocpEngine.Definition,
        ThreadsEngine.Definition,
        DotNetEngine.Definition,
    ]);

    public IReadOnlyList<EngineDefinition> Engines { get; }

    public IEnumerable<string> Names => Engines.Select(e => e.Name);

    public EngineDefinition? TryFind(string name) =>
        Engines.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The engine and variant, checked against their probes; throws a one-line, user-facing failure.</summary>
    public (EngineDefinition Engine, EngineVariant Variant) Resolve(string name, string? variant)
    {
        var engine = TryFind(name)
            ?? throw new AsyncIoToolsException(FailureKind.Usage, $"unknown engine '{name}'; known engines: {string.Join(", ", Names)}");
        var chosen = engine.FindVariant(variant)
            ?? throw new AsyncIoToolsException(FailureKind.Usage, $"engine '{engine.Name}' has no variant '{variant}'; its variants: {string.Join(", ", engine.Variants.Select(v => v.Name))}");
        var availability = engine.ProbeVariant(chosen);
        return availability.IsAvailable
            ? (engine, chosen)
            : throw new AsyncIoToolsException(FailureKind.EngineUnavailable, $"engine '{engine.Name}' variant '{chosen.Name}' is unavailable here: {availability.Reason}");
    }

    /// <summary>Every engine and variant with the verdict of its probe (what `aiotools engines` lists).</summary>
    public IReadOnlyList<EngineVariantInfo> Describe() =>
        Engines.SelectMany(engine => engine.Variants.Select(variant =>
        {
            var availability = engine.ProbeVariant(variant);
            return new EngineVariantInfo(
                engine.Name,
                variant.Name,
                availability.IsAvailable,
                availability.Reason,
                $"{engine.Description} {variant.Description}",
                variant == engine.DefaultVariant);
        })).ToArray();

    /// <summary>Makes a server for <paramref name="settings"/> after resolving and probing its engine.</summary>
    public IServerEngine Create(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Limits.FindProblem() is { } problem)
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"server limits: {problem}");
        }

        if (settings.Tuning.FindProblem() is { } tuningProblem)
        {
            throw AsyncIoToolsException.ForSettings(FailureKind.Usage, $"{Setting.CongestionControl}: {tuningProblem}");
        }

        var (engine, variant) = Resolve(settings.Engine, settings.Variant);
        var transfer = settings.Transfer ?? engine.DefaultTransfer;
        if (settings.Protocol.Kind == Workloads.ProtocolKind.File && (transfer is not { } asked || !engine.FileTransfers.Contains(asked)))
        {
            throw new AsyncIoToolsException(
                FailureKind.EngineUnavailable,
                transfer is null
                    ? $"engine '{engine.Name}' does not serve files"
                    : $"engine '{engine.Name}' cannot send files with {transfer.Value.ToString().ToLowerInvariant()}: it can use {string.Join(", ", engine.FileTransfers).ToLowerInvariant()}");
        }

        return engine.Create(settings with { Engine = engine.Name, Variant = variant.Name, Transfer = transfer });
    }
}
