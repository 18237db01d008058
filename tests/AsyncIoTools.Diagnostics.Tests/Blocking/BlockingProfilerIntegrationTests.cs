using AsyncIoTools.Diagnostics.Blocking;

namespace AsyncIoTools.Diagnostics.Tests.Blocking;

[Collection(LiveTargets.Name)]
public sealed class BlockingProfilerIntegrationTests
{
    [Fact]
    public async Task RunAsync_SyncOverAsyncTarget_NamesTheBlockingWrapper()
    {
        using var target = TargetApp.StartLagTarget("sync-over-async");

        var report = await BlockingProfiler.RunAsync(new BlockingOptions { ProcessId = target.ProcessId, Duration = TimeSpan.FromSeconds(3) });

        var site = Assert.Single(report.Sites, s => s.Method.EndsWith("InventoryClient.GetStockSync", StringComparison.Ordinal));
        Assert.Equal(BlockingKind.SyncOverAsync, site.Kind);
        Assert.True(site.Count > 0 && site.BlockedMilliseconds > 0);
        Assert.Equal(report.Sites.Max(s => s.BlockedMilliseconds), site.BlockedMilliseconds);
    }

    [Fact]
    public async Task RunAsync_ProcessAlreadyHung_NamesTheLockFromSamples()
    {
        using var target = TargetApp.StartLagTarget("hang");
        target.WaitUntilHung();

        var report = await BlockingProfiler.RunAsync(new BlockingOptions { ProcessId = target.ProcessId, Duration = TimeSpan.FromSeconds(2) });

        var site = report.Sites[0];
        Assert.Equal(BlockingKind.Lock, site.Kind);
        Assert.EndsWith("PriceCache.Lookup", site.Method, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SleepingTarget_NamesTheSleepingMethod()
    {
        using var target = TargetApp.StartLagTarget("short-sleep");

        var report = await BlockingProfiler.RunAsync(new BlockingOptions { ProcessId = target.ProcessId, Duration = TimeSpan.FromSeconds(3) });

        var site = Assert.Single(report.Sites, s => s.Kind == BlockingKind.Sleep && s.Method.EndsWith("AuditLog.WriteSync", StringComparison.Ordinal));
        Assert.Equal("System.Threading.Thread.Sleep", site.Via);
        Assert.True(site.Count > 0);
        Assert.True(report.PoolThreads > 0);
    }

    [Fact]
    public async Task RunAsync_SamplesOverTheStartOnly_StandForTheWholeCaptureAndLeaveNoFiles()
    {
        using var target = TargetApp.StartLagTarget("short-sleep");

        var report = await BlockingProfiler.RunAsync(new BlockingOptions { ProcessId = target.ProcessId, Duration = BlockingProfiler.SampleWindow + TimeSpan.FromSeconds(2) });

        var site = Assert.Single(report.Sites, s => s.Kind == BlockingKind.Sleep && s.Method.EndsWith("AuditLog.WriteSync", StringComparison.Ordinal));
        Assert.True(site.Samples > 0);
        Assert.True(site.BlockedMilliseconds > site.Samples * BlockingTraceAnalyzer.SampleMilliseconds * 1.2, $"{site.Samples} samples, {site.BlockedMilliseconds} ms");
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $"aiotools-*-{target.ProcessId}-*"));
    }
}
