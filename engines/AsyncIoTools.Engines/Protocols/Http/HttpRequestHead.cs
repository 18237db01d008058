namespace AsyncIoTools.Engines.Protocols.Http;

/// <summary>What the plaintext server needs to know of a request head; no strings are made.</summary>
public readonly record struct HttpRequestHead(
    int HeadLength,
    int TargetStart,
    int TargetLength,
    HttpMethodKind Method,
    bool TargetIsPlaintext,
    bool IsHttp11,
    bool ConnectionClose,
    bool ConnectionKeepAlive,
    long ContentLength,
    bool HasTransferEncoding)
{
    /// <summary>HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it.</summary>
    public bool KeepAlive => IsHttp11 ? !ConnectionClose : ConnectionKeepAlive && !ConnectionClose;
}
