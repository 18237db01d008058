using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Connections;

/// <summary>
/// How every engine accepts, in one place: the listen backlog; a pause when descriptors (or kernel memory) run out,
/// since accepting again at once would fail the same way; which accept errors concern only the one connection; and
/// the most connections open at once — one more is accepted, closed at once and counted, as Kestrel does past
/// MaxConcurrentConnections. The count of open connections is the server's, shared by its loops.
/// </summary>
internal sealed class AcceptPolicy(int backlog, int maxConnections)
{
    /// <summary>How long a loop stops accepting after EMFILE, ENFILE, ENOBUFS or ENOMEM.</summary>
    public const int PauseMilliseconds = 100;

    private int _open;

    /// <summary>listen()'s backlog; the kernel caps it at net.core.somaxconn.</summary>
    public int Backlog => backlog;

    /// <summary>Connections admitted and not yet left.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Out of descriptors or memory: stop accepting for <see cref="PauseMilliseconds"/>.</summary>
    public static bool PausesFor(IoError error) => error is IoError.TooManyOpenFiles or IoError.NoBufferSpace or IoError.OutOfMemory;

    /// <summary>A failure of one connection's accept (reset or aborted before we took it, a signal): go on accepting.</summary>
    public static bool ConcernsOnlyOne(IoError error) => error is IoError.ConnectionAborted or IoError.ConnectionReset or IoError.Interrupted;

    /// <summary>Admits a connection just accepted; false past the maximum (the caller closes it and counts it).</summary>
    public bool TryAdmit()
    {
        var open = Interlocked.Increment(ref _open);
        if (maxConnections > 0 && open > maxConnections)
        {
            Interlocked.Decrement(ref _open);
            return false;
        }

        return true;
    }

    /// <summary>An admitted connection has closed.</summary>
    public void Leave() => Interlocked.Decrement(ref _open);
}
