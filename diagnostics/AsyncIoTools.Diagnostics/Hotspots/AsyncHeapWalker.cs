using System.Globalization;
using Microsoft.Diagnostics.Runtime;

namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>
/// The dumpasync walk over a live heap: every async state-machine box whose task has not completed is a pending
/// call; its state machine's <c>&lt;&gt;1__state</c> says at which await it is suspended, and its awaiter fields
/// (<c>&lt;&gt;u__N</c>) hold the task it waits for. Type facts are cached per method table: a heap holds many
/// boxes of few types.
/// </summary>
internal sealed class AsyncHeapWalker
{
    /// <summary>Task state flags of a finished task: ran to completion, faulted, canceled.</summary>
    private const int CompletedFlags = 0x1000000 | 0x200000 | 0x400000;

    private readonly Dictionary<ulong, BoxType?> _boxTypes = [];
    private readonly Dictionary<string, Totals> _methods = new(StringComparer.Ordinal);

    /// <summary>Those of <see cref="Scanned"/> in a segment that <see cref="HoldsSmallObjects"/>.</summary>
    private long _smallObjectsScanned;

    /// <summary>
    /// The share of the heap's object ranges the walk got through, segment by segment (from each segment's start to
    /// the end of the last object it yielded). A heap caught while the GC rearranges it can pass ClrMD's
    /// <c>CanWalkHeap</c> and still end a segment's walk early at an object it cannot read: then this is far below 1.
    /// </summary>
    private double _coverage;

    /// <summary>
    /// Where the walk met an object whose type cannot be read, not at the start of a gap it may cross: the heap was
    /// caught mid-rearrangement, and the segment's walk ends there. Said when a snapshot gives up.
    /// </summary>
    private string? _corruptObject;

    /// <summary>Strong handles' objects and pinned objects' references looked for in the walked ranges.</summary>
    private long _rootsChecked;

    /// <summary>Those of <see cref="_rootsChecked"/> outside every walked range.</summary>
    private long _rootsOutside;

    public long Scanned { get; private set; }

    public long Pending { get; private set; }

    /// <summary>What the walk reached, for <see cref="HeapWalkSummary.Refusal"/>.</summary>
    public HeapWalkSummary Summary => new(Scanned, _smallObjectsScanned, _coverage, _corruptObject, _rootsChecked, _rootsOutside);

    /// <summary>A segment (or region) of small objects: every running .NET heap has at least one.</summary>
    public static bool HoldsSmallObjects(ClrSegment segment) =>
        segment.Kind is GCSegmentKind.Generation0 or GCSegmentKind.Generation1 or GCSegmentKind.Generation2 or GCSegmentKind.Ephemeral;

    /// <param name="heap">The suspended target's heap.</param>
    /// <param name="leaveOut">Segments to pass over as if ClrMD had not listed them: how tests stand in for a list read mid-rearrangement.</param>
    public void Walk(ClrHeap heap, Func<ClrSegment, bool>? leaveOut = null)
    {
        var reader = heap.Runtime.DataTarget.DataReader;
        var contexts = AllocationContexts(heap);
        var sizes = new ObjectSizes(reader);
        ulong heapBytes = 0, reachedBytes = 0;
        var walked = new WalkedRanges();
        var pinned = new List<ClrObject>();
        foreach (var segment in heap.Segments.Where(s => leaveOut?.Invoke(s) != true))
        {
            var scannedBefore = Scanned;
            var last = default(ClrObject);
            var expected = segment.FirstObjectAddress;
            ulong? gap = null;
            // Carefully: past an object of no readable type ClrMD looks for the next object instead of ending the
            // segment, and the walk decides below whether it may step over what lies between (HeapGap). Careful
            // enumeration also steps silently over an unreadable length or memory: every object must therefore
            // begin where the one before it ended, or past a thread's allocation context there, as ClrMD steps.
            foreach (var obj in segment.EnumerateObjects(carefully: true))
            {
                if (gap is { } gapStart)
                {
                    gap = null;
                    if (!TryCross(heap, reader, sizes, gapStart, obj.Address, ref last))
                    {
                        _corruptObject ??= Describe(segment, string.Create(CultureInfo.InvariantCulture, $"{obj.Address - gapStart:#,0} bytes before the next object that are neither zeroed nor whole objects"));
                        break;
                    }
                }
                else if (obj.Address != expected && obj.Address != HeapGap.PastAllocationContexts(expected, contexts))
                {
                    _corruptObject ??= Describe(segment, string.Create(CultureInfo.InvariantCulture, $"an object {(long)(obj.Address - expected):#,0} bytes from where the one before it ended"));
                    break;
                }

                if (obj.Type is not { } type)
                {
                    var readable = reader.ReadPointer(obj.Address, out var methodTable);
                    if (readable && methodTable == 0)
                    {
                        gap = obj.Address;
                        continue;
                    }

                    _corruptObject ??= Describe(segment, readable ? $"method table 0x{methodTable:x}" : "a method table that cannot be read");
                    break;
                }

                if (sizes.Of(obj.Address, type) is not { } size)
                {
                    _corruptObject ??= Describe(segment, $"an array of {type.Name} whose length cannot be read");
                    break;
                }

                last = obj;
                expected = HeapGap.End(obj.Address, size);
                Visit(obj, type);
                if (segment.Kind == GCSegmentKind.Pinned && type.ContainsPointers)
                {
                    pinned.Add(obj);
                }
            }

            if (gap is { } trailing && !TryCross(heap, reader, sizes, trailing, segment.ObjectRange.End, ref last))
            {
                _corruptObject ??= Describe(segment, "no object after it, and the rest of the segment neither zeroed nor whole objects");
            }

            if (HoldsSmallObjects(segment))
            {
                _smallObjectsScanned += Scanned - scannedBefore;
            }

            heapBytes += segment.ObjectRange.Length;
            if (last.Address != 0)
            {
                var reached = Math.Min(segment.ObjectRange.Length, last.Address + last.Size - segment.ObjectRange.Start);
                reachedBytes += reached;
                walked.Add(segment.ObjectRange.Start, segment.ObjectRange.Start + reached);
            }
        }

        _coverage = heapBytes == 0 ? 1 : (double)reachedBytes / heapBytes;
        if (_corruptObject is null)
        {
            // Already refused otherwise: the target is held no longer than it must be.
            CheckRoots(heap.Runtime, pinned, walked);
        }
    }

    /// <summary>
    /// Checks that the objects the runtime roots lie in the walked ranges: those of strong handles (threads, pinned
    /// buffers) and those the pinned objects hold (the statics' arrays live there). These are read apart from the
    /// segment list, so a list read mid-rearrangement, missing or shortening the segment of older objects, shows here
    /// even when every segment listed was walked whole.
    /// </summary>
    private void CheckRoots(ClrRuntime runtime, List<ClrObject> pinned, WalkedRanges walked)
    {
        foreach (var handle in runtime.EnumerateHandles())
        {
            if (handle.IsStrong && handle.Object.Address != 0)
            {
                Check(handle.Object.Address);
            }
        }

        // Not carefully: that would only check each holder lies in a listed segment, which the walk found it in.
        foreach (var holder in pinned)
        {
            foreach (var address in holder.EnumerateReferenceAddresses(carefully: false, considerDependantHandles: false))
            {
                Check(address);
            }
        }

        void Check(ulong address)
        {
            _rootsChecked++;
            if (!walked.Contains(address))
            {
                _rootsOutside++;
            }
        }
    }

    /// <summary>Where each thread's allocation context starts, and where it ends.</summary>
    private static Dictionary<ulong, ulong> AllocationContexts(ClrHeap heap)
    {
        var contexts = new Dictionary<ulong, ulong>();
        foreach (var context in heap.EnumerateAllocationContexts())
        {
            contexts.TryAdd(context.Start, context.End);
        }

        return contexts;
    }

    /// <summary>Visits the objects inside a gap ClrMD stepped over, when <see cref="HeapGap"/> allows crossing it.</summary>
    private bool TryCross(ClrHeap heap, IDataReader reader, ObjectSizes sizes, ulong start, ulong end, ref ClrObject last)
    {
        var inside = HeapGap.ObjectsAcross(reader.ReadPointer, address => heap.GetObject(address) is { Type: { } type } ? sizes.Of(address, type) : null, start, end);
        if (inside is null)
        {
            return false;
        }

        foreach (var address in inside)
        {
            last = heap.GetObject(address);
            Visit(last, last.Type!);
        }

        return true;
    }

    /// <summary>Said alike on every try that meets the same object, so a snapshot that gives up counts them as one.</summary>
    private static string Describe(ClrSegment segment, string what) => $"{what}, in a {segment.Kind} segment";

    private void Visit(ClrObject obj, ClrType type)
    {
        Scanned++;
        if (BoxTypeOf(type) is not { } box)
        {
            return;
        }

        if (!obj.TryReadField<int>("m_stateFlags", out var flags) || (flags & CompletedFlags) != 0)
        {
            return;
        }

        Pending++;
        var totals = TotalsOf(box);
        totals.Pending++;
        var (state, awaited) = Inspect(obj, box);
        Increment(totals.States, state);
        if (awaited is not null)
        {
            Increment(totals.Awaiting, awaited);
        }
    }

    public IReadOnlyList<AsyncMethodHotspot> Hotspots(int top) =>
        _methods.Values
            .OrderByDescending(t => t.Pending)
            .ThenBy(t => t.Method, StringComparer.Ordinal)
            .Take(top)
            .Select(t => new AsyncMethodHotspot(t.Method, t.DeclaringType, t.Pending, Sorted(t.States), Sorted(t.Awaiting)))
            .ToList();

    private static (string State, string? Awaited) Inspect(ClrObject obj, BoxType box)
    {
        var field = box.StateMachineField;
        if (field is null || field.Type is not { } machineType)
        {
            return ("unknown", null);
        }

        var state = "unknown";
        string? awaited = null;
        if (machineType.IsValueType)
        {
            var machine = obj.ReadValueTypeField(field);
            state = StateText(machine.ReadField<int>("<>1__state"));
            awaited = AwaiterFields(machineType)
                .Select(f => AwaitedBy(machine.ReadValueTypeField(f), f.Type!))
                .FirstOrDefault(a => a is not null);
        }
        else if (obj.ReadObjectField(field) is { IsNull: false } machineObject && machineObject.Type is { } classType)
        {
            // Debug builds compile state machines as classes; the box then holds a reference to one.
            state = StateText(machineObject.ReadField<int>("<>1__state"));
            awaited = AwaiterFields(classType)
                .Select(f => AwaitedBy(machineObject.ReadValueTypeField(f.Name!), f.Type!))
                .FirstOrDefault(a => a is not null);
        }

        return (state, awaited);
    }

    /// <summary>The compiler's awaiter fields (&lt;&gt;u__N) of a state machine, those of a struct type only.</summary>
    private static IEnumerable<ClrInstanceField> AwaiterFields(ClrType machineType) =>
        machineType.Fields.Where(f => f.Name?.StartsWith("<>u__", StringComparison.Ordinal) == true && f.Type is { IsValueType: true });

    /// <summary>The task inside an awaiter (TaskAwaiter, ConfiguredTaskAwaiter, ValueTaskAwaiter), described.</summary>
    private static string? AwaitedBy(ClrValueType awaiter, ClrType awaiterType)
    {
        foreach (var name in (string[])["m_task", "_value"])
        {
            var inner = awaiterType.GetFieldByName(name);
            if (inner is null)
            {
                continue;
            }

            var task = inner.Type is { IsValueType: true }
                ? awaiter.ReadValueTypeField(inner).ReadObjectField("_obj")
                : awaiter.ReadObjectField(inner);
            if (!task.IsNull && task.Type?.Name is { } taskType)
            {
                return Describe(taskType);
            }
        }

        return null;
    }

    private static string Describe(string taskType)
    {
        if (taskType.Contains("+DelayPromise", StringComparison.Ordinal))
        {
            return "Task.Delay";
        }

        return StateMachineName.FromBoxType(taskType) is { } machine && StateMachineName.Split(machine) is { } method
            ? StateMachineName.Display(method.DeclaringType, method.Method)
            : taskType.Replace("System.Threading.Tasks.", string.Empty, StringComparison.Ordinal);
    }

    private static string StateText(int state) => state switch
    {
        -1 => "running",
        -2 => "finishing",
        >= 0 => $"awaiting #{state}",
        _ => $"state {state}",
    };

    private BoxType? BoxTypeOf(ClrType type)
    {
        if (_boxTypes.TryGetValue(type.MethodTable, out var known))
        {
            return known;
        }

        BoxType? box = null;
        if (type.Name is { } name && StateMachineName.FromBoxType(name) is { } machine && StateMachineName.Split(machine) is { } method)
        {
            box = new BoxType(method.DeclaringType, method.Method, type.GetFieldByName("StateMachine"));
        }

        _boxTypes[type.MethodTable] = box;
        return box;
    }

    private Totals TotalsOf(BoxType box)
    {
        var key = $"{box.DeclaringType}.{box.Method}";
        if (!_methods.TryGetValue(key, out var totals))
        {
            totals = new Totals(StateMachineName.Display(box.DeclaringType, box.Method), box.DeclaringType);
            _methods[key] = totals;
        }

        return totals;
    }

    private static void Increment(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static SortedDictionary<string, long> Sorted(Dictionary<string, long> counts) => new(counts, StringComparer.Ordinal);

    private sealed record BoxType(string DeclaringType, string Method, ClrInstanceField? StateMachineField);

    private sealed class Totals(string method, string declaringType)
    {
        public string Method { get; } = method;

        public string DeclaringType { get; } = declaringType;

        public long Pending { get; set; }

        public Dictionary<string, long> States { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> Awaiting { get; } = new(StringComparer.Ordinal);
    }
}
