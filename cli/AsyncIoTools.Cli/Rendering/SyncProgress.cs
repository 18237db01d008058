namespace AsyncIoTools.Cli.Rendering;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler at once on the reporting thread, so streamed intervals are
/// printed in order (<see cref="Progress{T}"/> would post them to the thread pool, in any order).
/// </summary>
public sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
