using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace AsyncIoTools.LagTarget;

/// <summary>One request: compute, hop through the pool, misbehave as the mode says, "do I/O", compute again.</summary>
internal sealed class OrderHandler(TargetSettings settings)
{
    public const string MethodName = "OrderHandler.HandleAsync";

    // Read per request, so that --then switches a running process's behaviour (healthy, then blocking) in place.
    private volatile BlockingMode _mode = settings.Mode;

    private long _started;
    private long _completed;

    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>From now on, misbehave as <paramref name="mode"/> says.</summary>
    public void Switch(BlockingMode mode) => _mode = mode;

    public async Task HandleAsync()
    {
        InFlight.Enter(MethodName);
        var number = Interlocked.Increment(ref _started);
        try
        {
            Work();
            await Task.Yield();
            Misbehave(number);
            if (settings.IoDelayMillis > 0)
            {
                await Task.Delay(settings.IoDelayMillis);
            }
            else
            {
                await Task.Yield();
            }

            Work();
            Interlocked.Increment(ref _completed);
        }
        finally
        {
            InFlight.Exit(MethodName);
        }
    }

    private void Misbehave(long number)
    {
        switch (_mode)
        {
            case BlockingMode.ShortSleep when number % 5 == 0:
                AuditLog.WriteSync(10);
                break;
            case BlockingMode.HeavySleep:
                AuditLog.WriteSync(20);
                break;
            case BlockingMode.SyncOverAsync when number % 5 == 0:
                _ = InventoryClient.GetStockSync();
                break;
            case BlockingMode.Stall or BlockingMode.Hang:
                _ = PriceCache.Lookup();
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// A request's compute: --work-us spins by the wall clock (a rate-driven target's requests keep their length),
    /// --work-iterations does a fixed amount of arithmetic (an overhead run's: a request pre-empted mid-spin would
    /// otherwise cost less CPU, and an observer's cost would hide in the CPU per request it is read from).
    /// </summary>
    private void Work()
    {
        if (settings.WorkIterations > 0)
        {
            Compute(settings.WorkIterations);
        }
        else
        {
            Spin(settings.WorkMicros);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Compute(int iterations)
    {
        var x = 88172645463325252UL;
        for (var i = 0; i < iterations; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }

        Volatile.Write(ref _sink, x);
    }

    private static ulong _sink;

    private static void Spin(int micros)
    {
        var until = Stopwatch.GetTimestamp() + (micros * Stopwatch.Frequency / 1_000_000);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(20);
        }
    }
}
