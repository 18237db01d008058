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

    public static ProtocolSettings Echo(int messageBytes) => new() { Kind = ProtocolKind.Echo, MessageBytes = messageBytes };

    public ServerProtocol CreateProtocol() => Kind switch
    {
        ProtocolKind.Http => new HttpPlaintextProtocol(MaxHeadBytes),
        ProtocolKind.Echo => new EchoProtocol(MessageBytes),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown protocol"),
    };
}
