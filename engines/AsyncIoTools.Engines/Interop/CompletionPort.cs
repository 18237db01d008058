using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// An I/O completion port: sockets are associated once with a key; every overlapped operation on them ends as a
/// completion packet that any worker thread can dequeue, in batches, with GetQueuedCompletionStatusEx. The port
/// lets at most <c>concurrency</c> workers run at once and wakes the most recent waiter first.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class CompletionPort : IDisposable
{
    private readonly Win32Handle _handle;

    private CompletionPort(Win32Handle handle) => _handle = handle;

    public static CompletionPort Create(int concurrency)
    {
        SyscallTally.Count(SyscallKind.Other);
        var handle = Kernel32.CreateIoCompletionPort(Kernel32.INVALID_HANDLE_VALUE, 0, 0, (uint)concurrency);
        return new CompletionPort(Win32Handle.FromReturn(handle, "CreateIoCompletionPort"));
    }

    /// <summary>Routes the completions of every overlapped operation on <paramref name="socket"/> here, tagged with <paramref name="key"/>.</summary>
    public void Associate(OverlappedSocket socket, ulong key)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var socketAdded = false;
        var portAdded = false;
        try
        {
            socket.DangerousAddRef(ref socketAdded);
            _handle.DangerousAddRef(ref portAdded);
            SyscallTally.Count(SyscallKind.Control);
            if (Kernel32.CreateIoCompletionPort(socket.DangerousGetHandle(), _handle.DangerousGetHandle(), (nuint)key, 0) == 0)
            {
                throw new Win32ErrorException("CreateIoCompletionPort", Marshal.GetLastPInvokeError());
            }
        }
        finally
        {
            if (portAdded)
            {
                _handle.DangerousRelease();
            }

            if (socketAdded)
            {
                socket.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMilliseconds"/> (-1: for ever) and dequeues up to events.Length
    /// completions; returns how many (0 on timeout).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Wait(Span<CompletionEvent> events, int timeoutMilliseconds)
    {
        uint removed = 0;
        SyscallTally.Count(SyscallKind.Wait);
        fixed (CompletionEvent* entries = events)
        {
            var timeout = timeoutMilliseconds < 0 ? Kernel32.INFINITE : (uint)timeoutMilliseconds;
            if (Kernel32.GetQueuedCompletionStatusEx(_handle, (Kernel32.OVERLAPPED_ENTRY*)entries, (uint)events.Length, &removed, timeout, fAlertable: false))
            {
                return (int)removed;
            }

            var error = Marshal.GetLastPInvokeError();
            return error == Kernel32.WAIT_TIMEOUT ? 0 : throw new Win32ErrorException("GetQueuedCompletionStatusEx", error);
        }
    }

    /// <summary>Queues a packet with no operation (a wake-up) carrying <paramref name="key"/>; safe from any thread.</summary>
    public void Post(ulong key)
    {
        SyscallTally.Count(SyscallKind.Other);
        if (!Kernel32.PostQueuedCompletionStatus(_handle, 0, (nuint)key, null))
        {
            throw new Win32ErrorException("PostQueuedCompletionStatus", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>
    /// Queues the result of a call that completed at once as if it had gone through the port, so that the
    /// operation waits its turn behind the completions already queued; the operation is pending again until
    /// it is dequeued (with <paramref name="bytes"/> and success).
    /// </summary>
    public void Requeue(OverlappedOperation operation, int bytes, ulong key)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var overlapped = operation.Requeue();
        SyscallTally.Count(SyscallKind.Other);
        if (!Kernel32.PostQueuedCompletionStatus(_handle, (uint)bytes, (nuint)key, overlapped))
        {
            operation.FailRequeue();
            throw new Win32ErrorException("PostQueuedCompletionStatus", Marshal.GetLastPInvokeError());
        }
    }

    public void Dispose() => _handle.Dispose();
}
