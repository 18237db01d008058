namespace AsyncIoTools.Engines.Protocols.Http;

/// <summary>The Connection header a response carries.</summary>
public enum HttpConnectionHeader
{
    /// <summary>None: HTTP/1.1's default, keep-alive.</summary>
    Omitted,

    /// <summary>"keep-alive", for an HTTP/1.0 client that asked for it.</summary>
    KeepAlive,

    /// <summary>"close": the server closes after this response.</summary>
    Close,
}
