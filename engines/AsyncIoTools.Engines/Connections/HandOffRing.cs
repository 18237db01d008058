namespace AsyncIoTools.Engines.Connections;

/// <summary>The loops one listener feeds, in turn (single-acceptor mode); empty: the accepting loop keeps what it accepts.</summary>
internal sealed class HandOffRing<T>
    where T : class
{
    private T[] _peers = [];
    private int _next;

    public void Set(T[] peers) => _peers = peers;

    /// <summary>The loop the next connection goes to, or null when there is no ring.</summary>
    public T? Next()
    {
        if (_peers.Length < 2)
        {
            return null;
        }

        var peer = _peers[_next];
        _next = (_next + 1) % _peers.Length;
        return peer;
    }
}
