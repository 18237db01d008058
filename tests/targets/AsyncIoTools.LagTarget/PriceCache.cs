using System.Runtime.CompilerServices;

namespace AsyncIoTools.LagTarget;

/// <summary>
/// The full stall: every request takes this lock, and a background "refresh" thread holds it 4 s out of every
/// 5 s (or for good), so all pool threads pile up waiting to enter it.
/// </summary>
internal static class PriceCache
{
    private static readonly Lock Gate = new();

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Lookup()
    {
        lock (Gate)
        {
            return 7;
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
                    Thread.Sleep(forever ? Timeout.Infinite : 4000);
                }

                Thread.Sleep(1000);
            }
        })
        { IsBackground = true, Name = "price-refresh" };
        thread.Start();
    }
}
