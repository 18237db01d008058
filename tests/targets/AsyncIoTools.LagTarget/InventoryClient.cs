using System.Runtime.CompilerServices;

namespace AsyncIoTools.LagTarget;

/// <summary>The sync-over-async culprit: a synchronous wrapper that blocks a pool thread on an async call.</summary>
internal static class InventoryClient
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int GetStockSync() => GetStockAsync().GetAwaiter().GetResult();

    private static async Task<int> GetStockAsync()
    {
        await Task.Delay(15);
        return 42;
    }
}
