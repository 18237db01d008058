using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// What io_uring can do on this machine, found by asking the kernel rather than reading its version: a plain
/// io_uring_setup (its errno when refused), IORING_REGISTER_PROBE for opcodes, io_uring_setup with each set of
/// flags a caller asks about, and one try of each registration or request a feature needs. Each answer is a
/// reason in words (naming the kernel's flag and errno) or null when the feature works.
/// </summary>
internal sealed class IoUringCapabilities
{
    private static readonly Lazy<IoUringCapabilities> s_current = new(() => new IoUringCapabilities());

    private readonly ConcurrentDictionary<IoUringSetup, string?> _setupRefusals = new();
    private readonly bool[] _operations = new bool[256];
    private readonly uint _features;
    private readonly Lazy<string?> _bufferRing;
    private readonly Lazy<string?> _fixedFiles;
    private readonly Lazy<string?> _socketCommand;
    private readonly Lazy<string?> _quietSend;

    private IoUringCapabilities()
    {
        Unavailable = ProbeRing(out _features, _operations);
        _bufferRing = new Lazy<string?>(() => TryOnRing(ring => ring.RegisterBufferRing(0, 1, 64).Dispose()));
        _fixedFiles = new Lazy<string?>(() => TryOnRing(ring => ring.RegisterSparseFiles(16)));
        _socketCommand = new Lazy<string?>(ProbeSocketCommand);
        _quietSend = new Lazy<string?>(ProbeQuietSend);
    }

    public static IoUringCapabilities Current => s_current.Value;

    /// <summary>Why io_uring cannot be used at all here, or null.</summary>
    public string? Unavailable { get; }

    /// <summary>IORING_FEAT_EXT_ARG (Linux 5.11): io_uring_enter takes a wait timeout.</summary>
    public bool WaitTimeouts => (_features & Libc.IORING_FEAT_EXT_ARG) != 0;

    /// <summary>IORING_FEAT_NODROP: completions beyond the queue's size are kept, never dropped.</summary>
    public bool KeepsOverflow => (_features & Libc.IORING_FEAT_NODROP) != 0;

    /// <summary>IORING_FEAT_FAST_POLL: a request on a socket that is not ready waits by poll, not in a worker thread.</summary>
    public bool FastPoll => (_features & Libc.IORING_FEAT_FAST_POLL) != 0;

    public bool Supports(IoUringOperation operation) => _operations[(byte)operation];

    /// <summary>Null if every one of <paramref name="operations"/> is supported; else the first missing one, by kernel name.</summary>
    public string? MissingOperation(params IoUringOperation[] operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var operation in operations)
        {
            if (!Supports(operation))
            {
                return $"the kernel does not support {IoUringOperationNames.Of(operation)} (IORING_REGISTER_PROBE)";
            }
        }

        return null;
    }

    /// <summary>Null if io_uring_setup accepts <paramref name="flags"/>; else its refusal with the errno.</summary>
    public string? SetupRefusal(IoUringSetup flags) => Unavailable ?? _setupRefusals.GetOrAdd(flags, static f =>
    {
        try
        {
            using var ring = IoUringRing.Create(new IoUringRingOptions { Entries = 2, Flags = f });
            return null;
        }
        catch (ErrnoException e)
        {
            return $"{IoUringSetupNames.Of(f)} refused: {e.ErrnoName}";
        }
    });

    /// <summary>Null if IORING_REGISTER_PBUF_RING works (Linux 5.19); else why not.</summary>
    public string? BufferRingRefusal => Unavailable ?? _bufferRing.Value;

    /// <summary>Null if a sparse fixed-file table can be registered (IORING_REGISTER_FILES2, Linux 5.19); else why not.</summary>
    public string? FixedFilesRefusal => Unavailable ?? _fixedFiles.Value;

    /// <summary>Null if setsockopt works through the ring (SOCKET_URING_OP_SETSOCKOPT, Linux 6.7); else why not.</summary>
    public string? SocketOptionRefusal => Unavailable ?? _socketCommand.Value;

    /// <summary>
    /// Null if a quiet send (<see cref="IoUringRing.PrepareSend"/>) behaves as the loop relies on: no completion when
    /// it sent everything, and EAGAIN at once, inside the submitting io_uring_enter, when the socket is full (a kernel
    /// that armed a poll instead would finish it later, silently, from a buffer the loop took back); else why not.
    /// </summary>
    public string? QuietSendRefusal => Unavailable ?? _quietSend.Value;

    private static string? ProbeRing(out uint features, bool[] operations)
    {
        features = 0;
        if (!OperatingSystem.IsLinux())
        {
            return $"io_uring is a Linux API; this is {RuntimeInformation.OSDescription}";
        }

        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return $"the io_uring syscalls are bound by their x86-64 numbers; this process is {RuntimeInformation.ProcessArchitecture}";
        }

        try
        {
            using var ring = IoUringRing.Create(new IoUringRingOptions { Entries = 2 });
            features = ring.FeatureBits;
            ring.ProbeSupportedOperations().CopyTo(operations, 0);
            return null;
        }
        catch (ErrnoException e)
        {
            var disabled = ReadSysctl("/proc/sys/kernel/io_uring_disabled");
            var hint = disabled is null or "0" ? string.Empty : $"; kernel.io_uring_disabled = {disabled}";
            return $"io_uring_setup refused: {e.ErrnoName}{hint}";
        }
    }

    private static string? TryOnRing(Action<IoUringRing> attempt)
    {
        try
        {
            using var ring = IoUringRing.Create(new IoUringRingOptions { Entries = 2 });
            attempt(ring);
            return null;
        }
        catch (ErrnoException e)
        {
            return e.Message;
        }
    }

    private static string? ProbeSocketCommand()
    {
        try
        {
            using var ring = IoUringRing.Create(new IoUringRingOptions { Entries = 2 });
            using var socket = NativeSocket.Create(System.Net.Sockets.AddressFamily.InterNetwork);
            ring.PrepareSetOption(IoUringFile.Of(socket), SocketOption.NoDelay, 1, 0);
            ring.SubmitAndWait(1);
            Span<IoUringCompletion> completion = stackalloc IoUringCompletion[1];
            return ring.Reap(completion) == 1 && completion[0].Succeeded
                ? null
                : $"setsockopt through IORING_OP_URING_CMD refused: {completion[0].ErrorName}";
        }
        catch (ErrnoException e)
        {
            return e.Message;
        }
    }

    private static string? ProbeQuietSend()
    {
        try
        {
            using var ring = IoUringRing.Create(new IoUringRingOptions { Entries = 4 });
            var (full, peer) = NativeSocket.CreatePair();
            using (full)
            using (peer)
            using (var buffer = NativeBuffer.Allocate(4096))
            {
                ring.PrepareSend(IoUringFile.Of(peer), buffer, 0, 1, 1, quiet: true);
                ring.Submit();
                if (ring.CompletionsReady != 0 || ring.Unsubmitted != 0)
                {
                    return "a send flagged IOSQE_CQE_SKIP_SUCCESS posted a completion although it sent everything";
                }

                while (full.Send(buffer.Span).Succeeded)
                {
                    // Fill the socket: the next send finds no room.
                }

                ring.PrepareSend(IoUringFile.Of(full), buffer, 0, buffer.Length, 2, quiet: true);
                ring.Submit();
                Span<IoUringCompletion> completion = stackalloc IoUringCompletion[1];
                return ring.Reap(completion) == 1 && completion[0].Error == IoError.WouldBlock
                    ? null
                    : "a send with MSG_DONTWAIT to a full socket did not fail with EAGAIN inside io_uring_enter (this kernel would wait for room)";
            }
        }
        catch (ErrnoException e)
        {
            return e.Message;
        }
    }

    private static string? ReadSysctl(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
