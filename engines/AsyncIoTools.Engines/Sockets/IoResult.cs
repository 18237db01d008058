using System.Runtime.CompilerServices;

using AsyncIoTools.Engines.Interop;

namespace AsyncIoTools.Engines.Sockets;

/// <summary>
/// The outcome of a non-blocking system call without an exception: a non-negative value (bytes, a count) or an
/// errno. Hot paths branch on <see cref="WouldBlock"/> and <see cref="Succeeded"/>; rare failures become an
/// <see cref="ErrnoException"/> only when the caller asks.
/// </summary>
public readonly struct IoResult
{
    private readonly int _errno;

    private IoResult(int value, int errno)
    {
        Value = value;
        _errno = errno;
    }

    /// <summary>Bytes transferred or the call's count; 0 when the call failed.</summary>
    public int Value { get; }

    public bool Succeeded => _errno == 0;

    public bool WouldBlock => _errno == Errno.EAGAIN;

    public IoError Error => Errno.ToIoError(_errno);

    /// <summary>The errno's kernel name (for messages and logs).</summary>
    public string ErrorName => Errno.NameOf(_errno);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static IoResult FromReturn(long returned, int errno) =>
        returned >= 0 ? new IoResult((int)returned, 0) : new IoResult(0, errno == 0 ? Errno.EIO : errno);

    internal static IoResult Ok(int value) => new(value, 0);

    internal static IoResult Fail(int errno) => new(0, errno);

    /// <summary>An exception naming <paramref name="function"/> and the errno; only for failed results.</summary>
    public ErrnoException ToException(string function) => new(function, _errno);

    /// <summary>The value, or an <see cref="ErrnoException"/> if the call failed.</summary>
    public int ValueOrThrow(string function) => Succeeded ? Value : throw ToException(function);

    public override string ToString() => Succeeded ? $"ok({Value})" : ErrorName;
}
