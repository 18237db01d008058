namespace AsyncIoTools.Processes;

/// <summary>The process being read from /proc has exited.</summary>
public sealed class ProcessGoneException : Exception
{
    public ProcessGoneException(int processId, Exception? innerException = null)
        : base($"process {processId} has exited", innerException)
    {
        ProcessId = processId;
    }

    public ProcessGoneException()
        : this(0)
    {
    }

    public ProcessGoneException(string message)
        : base(message)
    {
    }

    public ProcessGoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int ProcessId { get; }
}
