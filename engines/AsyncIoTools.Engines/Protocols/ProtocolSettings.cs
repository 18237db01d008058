using AsyncIoTools.Workloads;
namespace AsyncIoTools.Engines.Protocols;

/// <summary>Which protocol a server speaks, and how (its limits are the server's: <see cref="Contract.ServerLimits"/>).</summary>
public sealed record ProtocolSettings
{
    public static ProtocolSettings Http { get; } = new();

    public ProtocolKind Kind { get; init; } = ProtocolKind.Http;

    /// <summary>Echo: the size of one message, so that the server can count messages as requests.</summary>
    public int MessageBytes { get; init; } = 64;

    /// <summary>File: the folder served; requests cannot reach outside it.</summary>
    public string? FileRoot { get; init; }

    /// <summary>
    /// HTTP: write each response as two sends, head then body — the write-write-read pattern that makes Nagle's
    /// algorithm meet delayed ACKs (the nagle scenario) and that TCP_CORK exists to merge (the cork scenario).
    /// </summary>
    public bool SplitWrites { get; init; }

    public static ProtocolSettings Echo(int messageBytes) => new() { Kind = ProtocolKind.Echo, MessageBytes = messageBytes };

    public static ProtocolSettings Files(string root) => new() { Kind = ProtocolKind.File, FileRoot = root };

    /// <summary>The protocol, under <paramref name="limits"/>; a file protocol holds its root open until disposed.</summary>
    internal ServerProtocol CreateProtocol(Contract.ServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Kind switch
        {
            ProtocolKind.Http => new HttpPlaintextProtocol(limits.MaxHeadBytes, SplitWrites, limits.MaxBodyBytes),
            ProtocolKind.Echo => new EchoProtocol(MessageBytes),
            ProtocolKind.File => new FileProtocol(FileRoot ?? throw new InvalidOperationException("the file protocol needs a root folder"), limits.MaxHeadBytes),
            _ => throw new InvalidOperationException($"unknown protocol {Kind}"),
        };
    }
}
