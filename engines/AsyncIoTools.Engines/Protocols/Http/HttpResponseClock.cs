namespace AsyncIoTools.Engines.Protocols.Http;

/// <summary>Keeps <see cref="Current"/> up to date: each second a spare <see cref="HttpResponseSet"/> is restamped and swapped in.</summary>
public static class HttpResponseClock
{
    // Three sets in turn: the one loops read, the one they read a second ago (a loop copies a response within
    // microseconds of reading Current, so it is long done with it) and the one being stamped.
    private static readonly HttpResponseSet[] Sets = [HttpResponseSet.Create(DateTimeOffset.UtcNow), HttpResponseSet.Create(DateTimeOffset.UtcNow), HttpResponseSet.Create(DateTimeOffset.UtcNow)];
    private static HttpResponseSet s_current = Sets[0];
    private static int s_next = 1;

    // Held in a static so that it lives as long as the process; one tick a second on the thread pool.
    private static readonly Timer Ticker = new(_ => Tick(), null, 1000, 1000);

    public static HttpResponseSet Current => Volatile.Read(ref s_current);

    private static void Tick()
    {
        // Timer callbacks can overlap when the pool is late: only one stamps at a time.
        lock (Sets)
        {
            var set = Sets[s_next];
            set.Stamp(DateTimeOffset.UtcNow);
            Volatile.Write(ref s_current, set);
            s_next = (s_next + 1) % Sets.Length;
        }
    }
}
