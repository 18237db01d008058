namespace AsyncIoTools.Engines.Protocols.Http;

/// <summary>Keeps <see cref="Current"/> up to date with a new <see cref="HttpResponseSet"/> every second.</summary>
public static class HttpResponseClock
{
    private static HttpResponseSet s_current = HttpResponseSet.Create(DateTimeOffset.UtcNow);

    // Held in a static so that it lives as long as the process; one tick a second on the thread pool.
    private static readonly Timer Ticker = new(_ => Volatile.Write(ref s_current, HttpResponseSet.Create(DateTimeOffset.UtcNow)), null, 1000, 1000);

    public static HttpResponseSet Current => Volatile.Read(ref s_current);
}
