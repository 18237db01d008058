using System.Diagnostics;

namespace AsyncIoTools.LagTarget;

/// <summary>
/// Full compacting collections of a retained graph, about a given share of the time: while one runs, the GC has
/// moved objects and marked others, and a debugger that stops the process then finds a heap it cannot walk.
/// </summary>
internal static class GarbageChurn
{
    /// <summary>Arrays the graph keeps alive from the start (the tests check a walk saw at least these).</summary>
    public const int Retained = 266_667;

    public static void Start(int percent)
    {
        if (percent <= 0)
        {
            return;
        }

        // Built before Start returns, so before the target says "ready": a snapshot taken while the graph is still
        // being built would see fewer objects than a whole walk must.
        var random = new Random(1);
        var retained = Build(random);
        var thread = new Thread(() => Run(retained, random, Math.Min(percent, 95))) { IsBackground = true, Name = "garbage churn" };
        thread.Start();
    }

    private static List<object> Build(Random random)
    {
        // Many small objects with holes between them: each collection has much to mark and to slide.
        var retained = new List<object>(Retained);
        for (var i = 0; i < 400_000; i++)
        {
            var node = new byte[random.Next(16, 96)];
            if (i % 3 != 0)
            {
                retained.Add(node);
            }
        }

        return retained;
    }

    private static void Run(List<object> retained, Random random, int percent)
    {
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
