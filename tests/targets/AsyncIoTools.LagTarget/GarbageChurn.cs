using System.Diagnostics;

namespace AsyncIoTools.LagTarget;

/// <summary>
/// Full compacting collections of a retained graph, about a given share of the time: while one runs, the GC has
/// moved objects and marked others, and a debugger that stops the process then finds a heap it cannot walk.
/// </summary>
internal static class GarbageChurn
{
    public static void Start(int percent)
    {
        if (percent <= 0)
        {
            return;
        }

        var thread = new Thread(() => Run(Math.Min(percent, 95))) { IsBackground = true, Name = "garbage churn" };
        thread.Start();
    }

    private static void Run(int percent)
    {
        // Many small objects with holes between them: each collection has much to mark and to slide.
        var retained = new List<object>();
        var random = new Random(1);
        for (var i = 0; i < 400_000; i++)
        {
            var node = new byte[random.Next(16, 96)];
            if (i % 3 != 0)
            {
                retained.Add(node);
            }
        }

        var stopwatch = new Stopwatch();
        while (true)
        {
            stopwatch.Restart();
            for (var i = 0; i < 20_000; i++)
            {
                retained[random.Next(retained.Count)] = new byte[random.Next(16, 96)];
            }

            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var busy = stopwatch.Elapsed;
            Thread.Sleep(busy * (100 - percent) / percent);
        }
    }
}
