namespace AsyncIoTools.Workloads;

public enum ProtocolKind
{
    /// <summary>HTTP/1.1 plaintext, as TechEmpower's plaintext test: GET / answers "Hello, World!".</summary>
    Http,

    /// <summary>Every byte received is sent back; the client sends fixed-size messages.</summary>
    Echo,

    /// <summary>HTTP GET of files under a root folder (the zero-copy scenarios); nothing outside the root is served.</summary>
    File,
}
