namespace AsyncIoTools.Benchmarks.Load;

internal enum ResponseOutcome
{
    /// <summary>All the bytes given were consumed; the response is not complete yet.</summary>
    NeedMore,

    /// <summary>One response is complete; bytes after it are for the next one.</summary>
    Completed,

    /// <summary>The bytes are not a response we understand.</summary>
    Malformed,
}
