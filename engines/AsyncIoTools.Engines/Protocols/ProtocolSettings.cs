namespace AsyncIoTools.Engines.Protocols;

/// <summary>Which protocol a server speaks, with its limits.</summary>
public sealed record ProtocolSettings
{
    public static ProtocolSettings Http { get; } = new();

    public ProtocolKind Kind { get; init; } = ProtocolKind.Http;

    /// <summary>HTTP: the largest request head accepted; a larger one is answered 431 and the connection closed.</summary>
    public int MaxHeadBytes { get; init; } = 8192;

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

    public ServerProtocol CreateProtocol() => Kind switch
    {
        ProtocolKind.Http => new HttpPlaintextProtocol(MaxHeadBytes, SplitWrites),
        ProtocolKind.Echo => new EchoProtocol(MessageBytes),
        ProtocolKind.File => new FileProtocol(FileRoot ?? throw new InvalidOperationException("the file protocol needs a root folder"), MaxHeadBytes),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown protocol"),
    };
}
