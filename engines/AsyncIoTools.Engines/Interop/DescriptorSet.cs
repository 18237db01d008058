using System.Numerics;
using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// select(2)'s fd_set: a fixed bitmap of <see cref="Capacity"/> descriptor numbers. select reads the sets it is
/// given and overwrites them with the ready subset, so a caller rebuilds them before every call — that rebuild
/// and the scan after it are select's O(n) cost. A descriptor numbered at or above FD_SETSIZE does not fit.
/// </summary>
internal sealed unsafe class DescriptorSet
{
    /// <summary>FD_SETSIZE: descriptors numbered from 0 to this − 1 fit, whatever RLIMIT_NOFILE allows.</summary>
    public const int Capacity = Libc.FD_SETSIZE;

    private Libc.fd_set _bits;
    private int _highest = -1;

    /// <summary>How many descriptors are in the set.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            for (var word = 0; word < Capacity / Libc.NFDBITS; word++)
            {
                count += BitOperations.PopCount(_bits.fds_bits[word]);
            }

            return count;
        }
    }

    /// <summary>True if <paramref name="socket"/>'s descriptor is numbered below FD_SETSIZE.</summary>
    public static bool CanHold(NativeSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return socket.Descriptor < Capacity;
    }

    /// <summary>FD_SET; false (and nothing set) if the descriptor is numbered FD_SETSIZE or above.</summary>
    public bool TryAdd(NativeSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return TryAdd(socket.Descriptor);
    }

    public bool TryAdd(EventSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return TryAdd(signal.Handle.Descriptor);
    }

    /// <summary>FD_ISSET.</summary>
    public bool Contains(NativeSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return Contains(socket.Descriptor);
    }

    public bool Contains(EventSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return Contains(signal.Handle.Descriptor);
    }

    /// <summary>FD_CLR.</summary>
    public void Remove(NativeSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var descriptor = socket.Descriptor;
        if (descriptor < Capacity)
        {
            _bits.fds_bits[descriptor / Libc.NFDBITS] &= ~Bit(descriptor);
        }
    }

    /// <summary>FD_ZERO.</summary>
    public void Clear()
    {
        for (var word = 0; word < Capacity / Libc.NFDBITS; word++)
        {
            _bits.fds_bits[word] = 0;
        }

        _highest = -1;
    }

    /// <summary>
    /// select(2) on up to three sets (null: none of that kind), waiting up to <paramref name="timeoutMilliseconds"/>
    /// (-1: for ever). Returns how many bits are left set in all sets together — not which: the caller scans.
    /// An interrupted call (EINTR) returns 0 with the sets emptied, as if nothing were ready.
    /// </summary>
    public static int Select(DescriptorSet? read, DescriptorSet? write, DescriptorSet? except, int timeoutMilliseconds)
    {
        var highest = Math.Max(read?._highest ?? -1, Math.Max(write?._highest ?? -1, except?._highest ?? -1));
        var timeout = new Libc.timeval { tv_sec = timeoutMilliseconds / 1000, tv_usec = timeoutMilliseconds % 1000 * 1000L };
        SyscallTally.Count(SyscallKind.Wait);
        int ready;
        fixed (Libc.fd_set* r = &(read ?? Empty)._bits)
        fixed (Libc.fd_set* w = &(write ?? Empty)._bits)
        fixed (Libc.fd_set* e = &(except ?? Empty)._bits)
        {
            ready = Libc.select(highest + 1, read is null ? null : r, write is null ? null : w, except is null ? null : e, timeoutMilliseconds < 0 ? null : &timeout);
        }

        if (ready >= 0)
        {
            return ready;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno != Errno.EINTR)
        {
            throw new ErrnoException("select", errno);
        }

        // After EINTR the sets' contents are unspecified: report nothing rather than stale interest as readiness.
        read?.Clear();
        write?.Clear();
        except?.Clear();
        return 0;
    }

    private static DescriptorSet Empty => t_empty ??= new DescriptorSet();

    [ThreadStatic]
    private static DescriptorSet? t_empty;

    private bool TryAdd(int descriptor)
    {
        if ((uint)descriptor >= Capacity)
        {
            return false;
        }

        _bits.fds_bits[descriptor / Libc.NFDBITS] |= Bit(descriptor);
        _highest = Math.Max(_highest, descriptor);
        return true;
    }

    private bool Contains(int descriptor) =>
        (uint)descriptor < Capacity && (_bits.fds_bits[descriptor / Libc.NFDBITS] & Bit(descriptor)) != 0;

    private static ulong Bit(int descriptor) => 1UL << (descriptor % Libc.NFDBITS);
}
