namespace AsyncIoTools.Engines.Protocols.Http;

/// <summary>
/// Keeps <see cref="Current"/> up to date: the first read after a second has turned restamps a spare
/// <see cref="HttpResponseSet"/> and swaps it in, as the C twins refresh their answers from their own loop.
/// </summary>
/// <remarks>
/// No timer: a thread-pool tick each second woke a pool worker that then spun (sched_yield) waiting for more work,
/// on the CPU the loop was pinned to — 4% of a pipelined io_uring server's samples (perf, 1,000 connections × 16).
/// A read costs one coarse monotonic clock read; a loop reads the set once per batch of requests.
/// </remarks>
public static class HttpResponseClock
{
    // Three sets in turn: the one loops read, the one they read a second ago (a loop copies a response within
    // microseconds of reading Current, so it is long done with it) and the one being stamped.
    private static readonly HttpResponseSet[] Sets = [HttpResponseSet.Create(DateTimeOffset.UtcNow), HttpResponseSet.Create(DateTimeOffset.UtcNow), HttpResponseSet.Create(DateTimeOffset.UtcNow)];
    private static HttpResponseSet s_current = Sets[0];
    private static int s_next = 1;

    // Environment.TickCount64 at which the wall clock's second turns next; 0: stamp at the first read.
    private static long s_restampAt;

    public static HttpResponseSet Current =>
        Environment.TickCount64 >= Volatile.Read(ref s_restampAt) ? Restamp() : Volatile.Read(ref s_current);

    private static HttpResponseSet Restamp()
    {
        // Loops on other threads may find the second turned at once: one stamps, the others take its set.
        lock (Sets)
        {
            var tick = Environment.TickCount64;
            if (tick < s_restampAt)
            {
                return s_current;
            }

            var now = DateTimeOffset.UtcNow;
            var set = Sets[s_next];
            set.Stamp(now);
            Volatile.Write(ref s_current, set);
            s_next = (s_next + 1) % Sets.Length;
            Volatile.Write(ref s_restampAt, tick + 1000 - now.Millisecond);
            return set;
        }
    }
}
