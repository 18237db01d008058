namespace AsyncIoTools.Engines.Protocols.Http;

/// <summary>The statuses the plaintext server answers with.</summary>
public enum HttpStatus
{
    Ok = 200,
    BadRequest = 400,
    NotFound = 404,
    MethodNotAllowed = 405,
    ContentTooLarge = 413,
    RequestHeaderFieldsTooLarge = 431,
    NotImplemented = 501,
}
