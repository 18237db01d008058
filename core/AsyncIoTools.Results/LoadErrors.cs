namespace AsyncIoTools.Results;

/// <summary>Error counts by kind.</summary>
public sealed record LoadErrors(long Connect, long Read, long Write, long Timeout, long Status, long BadResponse)
{
    public static LoadErrors None { get; } = new(0, 0, 0, 0, 0, 0);

    public long Total => Connect + Read + Write + Timeout + Status + BadResponse;

    public static LoadErrors FromCounts(ReadOnlySpan<long> counts) =>
        new(counts[(int)LoadErrorKind.Connect], counts[(int)LoadErrorKind.Read], counts[(int)LoadErrorKind.Write],
            counts[(int)LoadErrorKind.Timeout], counts[(int)LoadErrorKind.Status], counts[(int)LoadErrorKind.BadResponse]);

    public LoadErrors Add(LoadErrors other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Connect + other.Connect, Read + other.Read, Write + other.Write, Timeout + other.Timeout, Status + other.Status, BadResponse + other.BadResponse);
    }
}
