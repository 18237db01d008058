namespace AsyncIoTools.Workloads;

/// <summary>How a server moves a file's bytes to a socket (the zero-copy scenarios compare them).</summary>
public enum FileTransfer
{
    /// <summary>read() into a user buffer, then write() it: two copies through user space.</summary>
    ReadWrite,

    /// <summary>sendfile(): the kernel copies page cache to the socket, no user-space copy.</summary>
    Sendfile,

    /// <summary>splice() file → pipe → socket: pages move by reference through a pipe.</summary>
    Splice,
}
