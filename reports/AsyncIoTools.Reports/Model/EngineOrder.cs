namespace AsyncIoTools.Reports.Model;

/// <summary>
/// Rows follow the road the seeds teach — select, poll, epoll, io_uring, IOCP — then the two baselines; engines
/// the report does not know come last, by name.
/// </summary>
public static class EngineOrder
{
    private static readonly string[] Road = ["select", "poll", "epoll", "io_uring", "iocp", "threads", "dotnet"];

    public static int Rank(string engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var index = Array.FindIndex(Road, r => string.Equals(r, engine, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? Road.Length : index;
    }
}
