namespace AsyncIoTools.LagTarget;

/// <summary>Long-lived async loops that sleep on a timer: a steady, exactly known number of pending calls.</summary>
internal static class SubscriptionPump
{
    public const string MethodName = "SubscriptionPump.RunAsync";

    public static void Start(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _ = RunAsync(i);
        }
    }

    private static async Task RunAsync(int subscription)
    {
        InFlight.Enter(MethodName);
        try
        {
            while (true)
            {
                // Long, staggered delays: the pumps stay pending and add almost no work of their own.
                await Task.Delay(TimeSpan.FromSeconds(60 + (subscription % 7)));
            }
        }
        finally
        {
            InFlight.Exit(MethodName);
        }
    }
}
