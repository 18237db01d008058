namespace AsyncIoTools.Processes;

/// <summary>A process-level system call failed (affinity, limits, signals). The message names the call and the error.</summary>
public sealed class SystemCallException : IOException
{
    public SystemCallException(string function, int error)
        : base($"{function}: {new System.ComponentModel.Win32Exception(error).Message} ({error})", error)
    {
        Function = function;
        ErrorNumber = error;
    }

    public SystemCallException()
        : this("syscall", 0)
    {
    }

    public SystemCallException(string message)
        : base(message)
    {
        Function = "syscall";
    }

    public SystemCallException(string message, Exception innerException)
        : base(message, innerException)
    {
        Function = "syscall";
    }

    /// <summary>The C function, system call or Win32 function that failed.</summary>
    public string Function { get; }

    /// <summary>The raw errno (or Win32 error) value.</summary>
    public int ErrorNumber { get; }
}
