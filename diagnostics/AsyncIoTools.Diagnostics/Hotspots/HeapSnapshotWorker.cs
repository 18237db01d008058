using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;
using AsyncIoTools.Settings;
using AsyncIoTools.Text;
using Microsoft.Diagnostics.Runtime;

namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>
/// The heap-snapshot helper's work, run in its own process (see <see cref="HeapSnapshotProcess"/>): suspend the
/// target with ClrMD, say <see cref="AttachedLine"/> so the caller can tell a stuck attach from a long walk, walk the
/// heap, and print one <see cref="HeapSnapshotOutcome"/> as JSON. Arguments: --process-id PID --top N --name NAME
/// --timeout MS (the caller's limit on the walk, which bounds the retries of a target caught mid-collection).
/// </summary>
internal static class HeapSnapshotWorker
{
    public const string AttachedLine = "attached";

    // The helper's command line spells its settings as the CLI does (ChildArguments), by name, never by position.
    public static readonly string ProcessIdArgument = ChildArguments.Flag(Setting.ProcessId);

    public static readonly string TopArgument = ChildArguments.Flag(Setting.Top);

    public static readonly string NameArgument = ChildArguments.Flag(Setting.Name);

    public static readonly string TimeoutArgument = ChildArguments.Flag(Setting.Timeout);

    /// <summary>How long to keep stopping a target that is collecting garbage each time, before saying so.</summary>
    public static readonly TimeSpan MidCollectionRetryBudget = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The retries' share of the caller's timeout: half of it, at most <see cref="MidCollectionRetryBudget"/>. Past
    /// the timeout the caller kills this process and says only that the walk took too long; within it, a target that
    /// was collecting garbage each time is named as such, and the last try still has time to walk.
    /// </summary>
    public static TimeSpan RetryBudget(TimeSpan timeout) => timeout / 2 < MidCollectionRetryBudget ? timeout / 2 : MidCollectionRetryBudget;

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var named = Named(args);
        if (named is null
            || !named.TryGetValue(ProcessIdArgument, out var processIdText) || !TryParsePositive(processIdText, out var processId)
            || !named.TryGetValue(TopArgument, out var topText) || !TryParsePositive(topText, out var top)
            || !named.TryGetValue(NameArgument, out var name)
            || !named.TryGetValue(TimeoutArgument, out var timeoutText) || !TryParsePositive(timeoutText, out var timeoutMilliseconds))
        {
            Write(output, HeapSnapshotOutcome.Failed(FailureKind.Usage, $"usage: AsyncIoTools.HeapSnapshot {ProcessIdArgument} PID {TopArgument} N {NameArgument} NAME {TimeoutArgument} MS (aiotools hotspots runs it; there is no need to run it by hand)"));
            return 2;
        }

        try
        {
            Write(output, Take(processId, name, top, RetryBudget(TimeSpan.FromMilliseconds(timeoutMilliseconds)), output));
            return 0;
        }
        catch (AsyncIoToolsException e)
        {
            Write(output, HeapSnapshotOutcome.Failed(e.Kind, e.Message));
            return 1;
        }
#pragma warning disable CA1031 // The helper's last line is its whole answer: a bug still answers, in one line.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Write(output, HeapSnapshotOutcome.Failed(FailureKind.RunFailed, $"the heap snapshot of process {processId} failed ({e.GetType().Name}): {e.Message}"));
            return 3;
        }
    }

    private static HeapSnapshotOutcome Take(int processId, string name, int top, TimeSpan retryBudget, TextWriter output) =>
        UntilWalkable($"process {processId} ({name})", retryBudget, attempt => TryOnce(processId, name, top, attempt == 1 ? output : null));

    /// <summary>
    /// Tries until a try finds the heap walkable (answers an outcome), for up to <paramref name="budget"/>. Stopped
    /// inside a collection, the GC has marked, moved or freed objects and a walk sees only part of the heap (from
    /// 4,096 of 290,000 objects in our tests), so the report would silently miss calls. A collection ends in
    /// milliseconds once the target runs again, so each failed try detaches, lets it run a while, and tries again.
    /// </summary>
    /// <param name="tryOnce">Given the try's number; the outcome is null when the heap could not be walked, and the refusal says which check refused it.</param>
    internal static HeapSnapshotOutcome UntilWalkable(string who, TimeSpan budget, Func<int, (HeapSnapshotOutcome? Outcome, TimeSpan Held, string? Refusal)> tryOnce)
    {
        // The pause is the time the target was held, summed over the tries: it runs freely between them.
        var paused = TimeSpan.Zero;
        var retrying = Stopwatch.StartNew();
        var refusals = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, held, refusal) = tryOnce(attempt);
            paused += held;
            if (outcome is not null)
            {
                return outcome with { PauseMilliseconds = paused.TotalMilliseconds };
            }

            refusals.Add(refusal ?? "not walkable");
            if (retrying.Elapsed >= budget)
            {
                // Which check refused, and how often: a target that stays refused while idle is no collection.
                var counted = string.Join(", ", refusals.GroupBy(r => r, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count()}"));
                throw new AsyncIoToolsException(
                    FailureKind.RunFailed,
                    $"the heap of {who} could not be walked any of the {attempt} times it was suspended over {Durations.Format(retrying.Elapsed)} ({counted}); a heap cannot be walked mid-collection: try again");
            }

            Thread.Sleep(MidCollectionBackoff(attempt));
        }
    }

    /// <summary>One attach, walk and detach; the outcome is null when the heap could not be walked.</summary>
    /// <param name="output">Where to say <see cref="AttachedLine"/>: the first try only.</param>
    private static (HeapSnapshotOutcome? Outcome, TimeSpan Held, string? Refusal) TryOnce(int processId, string name, int top, TextWriter? output)
    {
        var held = Stopwatch.StartNew();
        try
        {
            using var dataTarget = DataTarget.AttachToProcess(processId, suspend: true);
            output?.WriteLine(AttachedLine);
            output?.Flush();
            var clr = dataTarget.ClrVersions.FirstOrDefault()
                ?? throw new AsyncIoToolsException(FailureKind.NotDotNetProcess, $"no CLR found in process {processId} ({name})");
            using var runtime = clr.CreateRuntime();
            if (!runtime.Heap.CanWalkHeap)
            {
                return (null, held.Elapsed, "the runtime's flag said mid-collection");
            }

            var walker = new AsyncHeapWalker();
            walker.Walk(runtime.Heap);

            // Walkable by ClrMD's flag, cut short in fact: as mid-collection.
            if (walker.Summary.Refusal is { } refusal)
            {
                return (null, held.Elapsed, refusal);
            }

            return (new HeapSnapshotOutcome(0, walker.Scanned, walker.Pending, walker.Hotspots(top)), held.Elapsed, null);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or ClrDiagnosticsException or IOException or InvalidOperationException or ArgumentException)
        {
            throw Translate(processId, name, e);
        }
    }

    /// <summary>5, 10, 20, 40, 80, then 100 ms: most collections end within the first waits.</summary>
    private static TimeSpan MidCollectionBackoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(100, 5 << Math.Min(attempt - 1, 5)));

    private static AsyncIoToolsException Translate(int processId, string name, Exception e)
    {
        var who = $"process {processId} ({name})";
        if (!ProcFs.Exists(processId))
        {
            return new AsyncIoToolsException(FailureKind.TargetExited, $"{who} exited during the heap walk", e);
        }

        return e is UnauthorizedAccessException || e.Message.Contains("ermission", StringComparison.Ordinal)
            ? new AsyncIoToolsException(FailureKind.PermissionDenied, $"cannot attach to {who} to read its heap (ptrace was refused): run aiotools as the same user or as root", e)
            : new AsyncIoToolsException(FailureKind.RunFailed, $"cannot read the heap of {who}: {e.Message}", e);
    }

    /// <summary>"--name value" pairs of known names, each once; null for anything else.</summary>
    private static Dictionary<string, string>? Named(IReadOnlyList<string> args)
    {
        if (args.Count % 2 != 0)
        {
            return null;
        }

        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!(args[i] == ProcessIdArgument || args[i] == TopArgument || args[i] == NameArgument || args[i] == TimeoutArgument) || !named.TryAdd(args[i], args[i + 1]))
            {
                return null;
            }
        }

        return named;
    }

    private static bool TryParsePositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    private static void Write(TextWriter output, HeapSnapshotOutcome outcome)
    {
        output.WriteLine(JsonSerializer.Serialize(outcome, HeapSnapshotJsonContext.Default.HeapSnapshotOutcome));
        output.Flush();
    }
}
