using System.Globalization;
using System.Text.Json;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Hosting;

/// <summary>
/// The line protocol between a runner and the server it started (<c>aiotools serve --control</c>): the runner
/// writes a command per line on the server's stdin; the server answers on stdout with one JSON line.
/// End of input stops the server, so a runner that dies never leaves one behind.
/// </summary>
public static class ServerControl
{
    /// <summary>Asks for the counters; the answer is one line of <see cref="EngineCounters"/> JSON.</summary>
    public const string CountersCommand = "counters";

    /// <summary>
    /// Asks for the number of handles (Windows) or descriptors (Linux) the server holds, counted by the server
    /// itself: what a runner compares when it cannot read the server's /proc (a Windows server under Wine).
    /// </summary>
    public const string HandlesCommand = "handles";

    /// <summary>
    /// Asks for the number of threads the server process runs outside the runtime's thread pool (loops, connection
    /// threads, the runtime's own), counted by the server itself (under Wine too): the pool's workers come and go
    /// with load and idle out on their own, so a leak of threads shows in the rest.
    /// </summary>
    public const string ThreadsCommand = "threads";

    public const string StopCommand = "stop";

    /// <summary>The line a server prints once it accepts connections, followed by its address.</summary>
    public const string ListeningPrefix = "listening on ";

    public const string CountersPrefix = "counters ";

    public const string HandlesPrefix = "handles ";

    public const string ThreadsPrefix = "threads ";

    public static string FormatCounters(EngineCounters counters) =>
        CountersPrefix + JsonSerializer.Serialize(counters, EnginesJsonContext.Compact.EngineCounters);

    public static string FormatHandles(int count) => HandlesPrefix + count.ToString(CultureInfo.InvariantCulture);

    public static string FormatThreads(int count) => ThreadsPrefix + count.ToString(CultureInfo.InvariantCulture);

    public static int ParseHandles(string line) => ParseCount(line, HandlesPrefix);

    public static int ParseThreads(string line) => ParseCount(line, ThreadsPrefix);

    private static int ParseCount(string line, string prefix)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.StartsWith(prefix, StringComparison.Ordinal)
            ? int.Parse(line.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture)
            : throw new FormatException($"not a '{prefix.Trim()}' line: {line}");
    }

    public static EngineCounters ParseCounters(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith(CountersPrefix, StringComparison.Ordinal))
        {
            throw new FormatException($"not a counters line: {line}");
        }

        return JsonSerializer.Deserialize(line.AsSpan(CountersPrefix.Length), EnginesJsonContext.Compact.EngineCounters)
            ?? throw new FormatException("empty counters line");
    }
}
