namespace AsyncIoTools.Diagnostics.EventPipe;

/// <summary>
/// Wraps trace callbacks: an exception thrown inside a TraceEvent callback stops the reader, after which stopping
/// the session can hang for minutes. So a callback never throws; the first failure is kept and reported once the
/// session is over, and the count says how many events it affected.
/// </summary>
public sealed class CallbackGuard
{
    private Exception? _first;
    private long _failures;

    public long Failures => Interlocked.Read(ref _failures);

    public Exception? FirstFailure => Volatile.Read(ref _first);

    public Action<T> Wrap<T>(Action<T> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return item =>
        {
            try
            {
                callback(item);
            }
#pragma warning disable CA1031 // The point of the guard: nothing may escape into the trace reader.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Interlocked.CompareExchange(ref _first, e, null);
                Interlocked.Increment(ref _failures);
            }
        };
    }

    /// <summary>Throws if any callback failed, once the session is safely over.</summary>
    public void ThrowIfFailed()
    {
        if (FirstFailure is { } failure)
        {
            throw new InvalidOperationException($"{Failures} trace event(s) could not be processed: {failure.Message}", failure);
        }
    }
}
