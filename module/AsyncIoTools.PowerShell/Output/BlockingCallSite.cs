using System.Globalization;
using AsyncIoTools.Diagnostics.Blocking;

namespace AsyncIoTools.PowerShell.Output;

/// <summary>
/// What <c>Get-BlockingCall</c> writes: one method that blocked pool threads, how (<see cref="Kind"/>), through
/// which framework method, how often and for how long. <see cref="Waits"/> are blocking calls seen to start;
/// <see cref="Samples"/> are 1 ms profiler samples of a thread found sleeping or already blocked (each stands
/// for 1 ms blocked), so the two are never added up as calls.
/// </summary>
public sealed class BlockingCallSite
{
    internal BlockingCallSite(int processId, BlockingSite site)
    {
        ProcessId = processId;
        Kind = site.Kind switch
        {
            BlockingKind.SyncOverAsync => "sync-over-async",
            _ => site.Kind.ToString().ToLowerInvariant(),
        };
        Method = site.Method;
        Via = site.Via;
        Waits = site.Waits;
        Samples = site.Samples;
        BlockedMilliseconds = site.BlockedMilliseconds;
        ExampleStack = string.Join(Environment.NewLine, site.ExampleStack);
    }

    public int ProcessId { get; }

    /// <summary>sync-over-async, wait, lock or sleep.</summary>
    public string Kind { get; }

    public string Method { get; }

    public string Via { get; }

    public long Waits { get; }

    public long Samples { get; }

    public double BlockedMilliseconds { get; }

    /// <summary>One stack that blocked here, innermost frame first, one frame a line.</summary>
    public string ExampleStack { get; }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind} {Method}: {BlockedMilliseconds:0.#} ms");
}
