using System.Runtime.CompilerServices;

namespace AsyncIoTools.LagTarget;

/// <summary>
/// The full stall: every request takes this lock, and a background "refresh" thread holds it 4 s out of every
/// 5 s (or for good), so all pool threads pile up waiting to enter it.
/// </summary>
internal static class PriceCache
{
    private static readonly Lock Gate = new();
    private static int _waiting;
    private static volatile bool _held;

    /// <summary>Pool threads inside <see cref="Lookup"/>, waiting for the lock or holding it.</summary>
    public static int Waiting => Volatile.Read(ref _waiting);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Lookup()
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            lock (Gate)
            {
                return 7;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>
    /// Waits until the refresher holds the lock and every pool thread the pool may have is blocked on it (the
    /// "hang" mode's whole hang), so a test can attach to a process known to be hung instead of sleeping until it
    /// probably is. False if that does not happen within <paramref name="timeout"/>.
    /// </summary>
    public static bool WaitUntilHung(TimeSpan timeout, out int blocked, out int poolThreads)
    {
        ThreadPool.GetMaxThreads(out poolThreads, out _);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            blocked = Waiting;
            if (_held && blocked >= poolThreads && ThreadPool.PendingWorkItemCount > 0)
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            Thread.Sleep(10);
        }
    }

    /// <summary>Holds the lock 4 s of every 5 s, or (<paramref name="forever"/>) for good after the first second.</summary>
    public static void StartRefresher(bool forever)
    {
        var thread = new Thread(() =>
        {
            Thread.Sleep(1000);
            while (true)
            {
                lock (Gate)
                {
                    _held = true;
                    Thread.Sleep(forever ? Timeout.Infinite : 4000);
                    _held = false;
                }

                Thread.Sleep(1000);
            }
        })
        { IsBackground = true, Name = "price-refresh" };
        thread.Start();
    }
}
