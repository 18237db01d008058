namespace AsyncIoTools.LagTarget;

/// <summary>The <see cref="BlockingMode.SteadyLag"/> workload: Poisson arrivals of fixed-length blocking items.</summary>
internal static class SteadyLag
{
    public const int ArrivalsPerSecond = 150;
    public const int ServiceMillis = 10;

    public static void Start()
    {
        ThreadPool.SetMinThreads(2, 2);
        ThreadPool.SetMaxThreads(2, 2);
        var thread = new Thread(Arrive) { IsBackground = true, Name = "steady-lag arrivals" };
        thread.Start();
    }

    private static void Arrive()
    {
        var random = new Random(42);
        var next = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            // Exponential gaps: the next arrival's due time, slept to within a millisecond.
            next += (long)(-Math.Log(1 - random.NextDouble()) / ArrivalsPerSecond * System.Diagnostics.Stopwatch.Frequency);
            var wait = System.Diagnostics.Stopwatch.GetElapsedTime(System.Diagnostics.Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }

            ThreadPool.UnsafeQueueUserWorkItem(_ => Thread.Sleep(ServiceMillis), null);
        }
    }
}
