namespace AsyncIoTools.Diagnostics.Blocking;

/// <summary>How every face spells a <see cref="BlockingKind"/>: sync-over-async, wait, lock, sleep.</summary>
public static class BlockingKinds
{
    public static string Label(BlockingKind kind) => kind switch
    {
        BlockingKind.SyncOverAsync => "sync-over-async",
        BlockingKind.Wait => "wait",
        BlockingKind.Lock => "lock",
        BlockingKind.Sleep => "sleep",
        _ => kind.ToString(),
    };
}
