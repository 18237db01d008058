using System.Collections.Concurrent;

namespace AsyncIoTools.PowerShell.Hosting;

/// <summary>
/// Runs the actions that background work posts (progress, streamed objects) on the thread that waits for it: a
/// cmdlet may write to the pipeline only from its own thread, while the core reports from loop and trace threads.
/// </summary>
public sealed class PipelineDispatcher : IDisposable
{
    private readonly BlockingCollection<Action> _queue = [];

    /// <summary>Queues an action for the waiting thread; one posted after the work ended is dropped.</summary>
    public void Post(Action action)
    {
        try
        {
            _queue.Add(action);
        }
        catch (InvalidOperationException)
        {
            // The work is over and nobody will run it: a late report from a timer.
        }
    }

    /// <summary>An <see cref="IProgress{T}"/> whose reports run <paramref name="onWaitingThread"/> on the waiting thread, in order.</summary>
    public IProgress<T> Progress<T>(Action<T> onWaitingThread) => new PostingProgress<T>(this, onWaitingThread);

    /// <summary>
    /// Runs posted actions on this thread until <paramref name="work"/> completes and every action posted before
    /// then has run; <paramref name="onIdle"/> runs whenever nothing was posted for <paramref name="idle"/>.
    /// An action that throws ends the wait with its exception (the work goes on: the caller cancels it).
    /// </summary>
    public void RunUntil(Task work, TimeSpan idle, Action? onIdle = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        work.ContinueWith(_ => _queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (!_queue.IsCompleted)
        {
            if (_queue.TryTake(out var action, idle))
            {
                action();
            }
            else if (!_queue.IsCompleted)
            {
                onIdle?.Invoke();
            }
        }
    }

    public void Dispose() => _queue.Dispose();

    private sealed class PostingProgress<T>(PipelineDispatcher dispatcher, Action<T> handler) : IProgress<T>
    {
        public void Report(T value) => dispatcher.Post(() => handler(value));
    }
}
