namespace AsyncIoTools.Diagnostics.Tests.Support;

/// <summary>Runs the handler on the reporting thread, in order.</summary>
public sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
