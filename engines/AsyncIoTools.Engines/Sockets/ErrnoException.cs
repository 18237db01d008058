using AsyncIoTools.Engines.Interop;

namespace AsyncIoTools.Engines.Sockets;

/// <summary>A system call failed. The message names the call and the errno (<c>accept4: EMFILE (…)</c>).</summary>
public sealed class ErrnoException : IOException
{
    public ErrnoException(string function, int errno)
        : base($"{function}: {Errno.NameOf(errno)} ({new System.ComponentModel.Win32Exception(errno).Message})", errno)
    {
        Function = function;
        ErrorNumber = errno;
    }

    public ErrnoException()
        : this("syscall", Errno.EIO)
    {
    }

    public ErrnoException(string message)
        : base(message)
    {
        Function = "syscall";
    }

    public ErrnoException(string message, Exception innerException)
        : base(message, innerException)
    {
        Function = "syscall";
    }

    /// <summary>The C function or system call that failed.</summary>
    public string Function { get; }

    /// <summary>The raw errno value.</summary>
    public int ErrorNumber { get; }

    /// <summary>The errno's kernel name, such as <c>EMFILE</c> or <c>ECONNRESET</c>.</summary>
    public string ErrnoName => Errno.NameOf(ErrorNumber);

    public IoError Error => Errno.ToIoError(ErrorNumber);
}
