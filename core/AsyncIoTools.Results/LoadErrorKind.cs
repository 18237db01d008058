namespace AsyncIoTools.Results;

/// <summary>Why a request or connection failed, counted separately as wrk does.</summary>
public enum LoadErrorKind
{
    Connect,
    Read,
    Write,
    Timeout,

    /// <summary>An answer that was not 2xx.</summary>
    Status,

    /// <summary>An answer that could not be parsed.</summary>
    BadResponse,
}
