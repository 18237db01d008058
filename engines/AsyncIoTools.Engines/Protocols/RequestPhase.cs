namespace AsyncIoTools.Engines.Protocols;

/// <summary>Where a connection stands in its current request, which decides the timeout that watches it.</summary>
public enum RequestPhase
{
    /// <summary>Between requests: the keep-alive timeout.</summary>
    Idle,

    /// <summary>Part of a request head has come (or, for a new connection, none yet): the head timeout.</summary>
    Head,

    /// <summary>A request body is arriving: the minimum receive rate.</summary>
    Body,
}
