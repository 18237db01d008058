using AsyncIoTools.Workloads;
namespace AsyncIoTools.Engines.Contract;

/// <summary>A named engine in the registry: what it is, how to probe it, and how to make one.</summary>
/// <param name="DescriptorCeiling">
/// Descriptors numbered at or above this cannot be served (select's FD_SETSIZE), whatever RLIMIT_NOFILE allows:
/// a server holding D descriptors has room for this − D connections. Null: no ceiling of the engine's own.
/// </param>
public sealed record EngineDefinition(
    string Name,
    string Description,
    IReadOnlyList<EngineVariant> Variants,
    Func<EngineAvailability> Probe,
    Func<ServerSettings, IServerEngine> Create,
    int? DescriptorCeiling = null)
{
    /// <summary>How this engine can send files (the file protocol); empty: it does not serve files.</summary>
    public IReadOnlyList<FileTransfer> FileTransfers { get; init; } = [];

    /// <summary>
    /// How it sends files when not told: the path without a user-space copy where it has one (sendfile, else splice
    /// through its ring), otherwise the first it has; null if it does not serve files.
    /// </summary>
    public FileTransfer? DefaultTransfer =>
        FileTransfers.Contains(FileTransfer.Sendfile) ? FileTransfer.Sendfile
        : FileTransfers.Contains(FileTransfer.Splice) ? FileTransfer.Splice
        : FileTransfers.Count > 0 ? FileTransfers[0] : null;

    public EngineVariant DefaultVariant => Variants[0];

    /// <summary>The variant named <paramref name="name"/> (null or empty: the default one), or null if unknown.</summary>
    public EngineVariant? FindVariant(string? name) =>
        string.IsNullOrEmpty(name) ? DefaultVariant : Variants.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The engine's probe, then the variant's: the first reason it cannot run, or available.</summary>
    public EngineAvailability ProbeVariant(EngineVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var engine = Probe();
        return engine.IsAvailable ? variant.Probe() : engine;
    }
}
