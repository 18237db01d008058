using System.Runtime.CompilerServices;

namespace AsyncIoTools.LagTarget;

/// <summary>
/// The full stall: every request takes this lock, and a background "refresh" thread holds it 4 s out of every
/// 5 s, so all pool threads pile up in <c>Monitor.Enter</c>.
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

    public static void StartRefresher()
    {
        var thread = new Thread(() =>
        {
            while (true)
            {
                lock (Gate)
                {
                    Thread.Sleep(4000);
                }

                Thread.Sleep(1000);
            }
        })
        { IsBackground = true, Name = "price-refresh" };
        thread.Start();
    }
}
