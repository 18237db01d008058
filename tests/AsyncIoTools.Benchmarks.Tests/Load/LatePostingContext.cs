namespace AsyncIoTools.Benchmarks.Tests.Load;

/// <summary>
/// Runs continuations on the thread pool, the first of them only after <paramref name="firstDelay"/>: a controller
/// whose timer fired late once, as on a loaded machine, made to happen on purpose.
/// </summary>
internal sealed class LatePostingContext(TimeSpan firstDelay) : SynchronizationContext
{
    private int _posts;

    public override void Post(SendOrPostCallback d, object? state)
    {
        var delay = Interlocked.Increment(ref _posts) == 1 ? firstDelay : TimeSpan.Zero;
        ThreadPool.QueueUserWorkItem(_ =>
        {
            Thread.Sleep(delay);
            SetSynchronizationContext(this);
            try
            {
                d(state);
            }
            finally
            {
                SetSynchronizationContext(null);
            }
        });
    }

    /// <summary>Starts <paramref name="run"/> on this context; what it awaits comes back through <see cref="Post"/>.</summary>
    public Task<T> Run<T>(Func<Task<T>> run)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            return run();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
