using AsyncIoTools.Engines.Interop;

namespace AsyncIoTools.Engines.Sockets;

/// <summary>What went wrong in a system call, in .NET terms; <see cref="ErrnoException"/> keeps the errno's name.</summary>
public enum IoError
{
    None,
    WouldBlock,
    Interrupted,
    ConnectionReset,
    BrokenPipe,
    ConnectionRefused,
    ConnectionAborted,
    InProgress,
    AddressInUse,
    AddressNotAvailable,
    TooManyOpenFiles,
    TimedOut,
    NotConnected,
    NotSupported,
    InvalidArgument,
    PermissionDenied,
    NoBufferSpace,
    OutOfMemory,
    Canceled,
    BadDescriptor,
    NetworkUnreachable,
    Other,
}
