namespace AsyncIoTools.Engines.Protocols.Http;

public enum HttpParseStatus
{
    /// <summary>The head is not complete yet: read more.</summary>
    Incomplete,
    Complete,

    /// <summary>Not an HTTP/1.x request head: answer 400 and close.</summary>
    Malformed,

    /// <summary>The head is longer than the limit: answer 431 and close.</summary>
    TooLarge,
}
