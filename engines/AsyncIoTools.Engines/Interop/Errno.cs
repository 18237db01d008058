using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>Linux errno values (asm-generic/errno-base.h, errno.h) with their kernel names.</summary>
internal static class Errno
{
    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int ESRCH = 3;
    internal const int EINTR = 4;
    internal const int EIO = 5;
    internal const int EBADF = 9;
    internal const int EAGAIN = 11;
    internal const int ENOMEM = 12;
    internal const int EACCES = 13;
    internal const int EFAULT = 14;
    internal const int EBUSY = 16;
    internal const int EEXIST = 17;
    internal const int ENODEV = 19;
    internal const int EINVAL = 22;
    internal const int ENFILE = 23;
    internal const int EMFILE = 24;
    internal const int ENOSPC = 28;
    internal const int ESPIPE = 29;
    internal const int EPIPE = 32;
    internal const int ERANGE = 34;
    internal const int ENOSYS = 38;
    internal const int ENOTSOCK = 88;
    internal const int EOPNOTSUPP = 95;
    internal const int EAFNOSUPPORT = 97;
    internal const int EADDRINUSE = 98;
    internal const int EADDRNOTAVAIL = 99;
    internal const int ENETUNREACH = 101;
    internal const int ECONNABORTED = 103;
    internal const int ECONNRESET = 104;
    internal const int ENOBUFS = 105;
    internal const int EISCONN = 106;
    internal const int ENOTCONN = 107;
    internal const int ETIMEDOUT = 110;
    internal const int ECONNREFUSED = 111;
    internal const int EALREADY = 114;
    internal const int EINPROGRESS = 115;
    internal const int ECANCELED = 125;

    internal static string NameOf(int errno) => errno switch
    {
        EPERM => nameof(EPERM),
        ENOENT => nameof(ENOENT),
        ESRCH => nameof(ESRCH),
        EINTR => nameof(EINTR),
        EIO => nameof(EIO),
        EBADF => nameof(EBADF),
        EAGAIN => nameof(EAGAIN),
        ENOMEM => nameof(ENOMEM),
        EACCES => nameof(EACCES),
        EFAULT => nameof(EFAULT),
        EBUSY => nameof(EBUSY),
        EEXIST => nameof(EEXIST),
        ENODEV => nameof(ENODEV),
        EINVAL => nameof(EINVAL),
        ENFILE => nameof(ENFILE),
        EMFILE => nameof(EMFILE),
        ENOSPC => nameof(ENOSPC),
        ESPIPE => nameof(ESPIPE),
        EPIPE => nameof(EPIPE),
        ERANGE => nameof(ERANGE),
        ENOSYS => nameof(ENOSYS),
        ENOTSOCK => nameof(ENOTSOCK),
        EOPNOTSUPP => nameof(EOPNOTSUPP),
        EAFNOSUPPORT => nameof(EAFNOSUPPORT),
        EADDRINUSE => nameof(EADDRINUSE),
        EADDRNOTAVAIL => nameof(EADDRNOTAVAIL),
        ENETUNREACH => nameof(ENETUNREACH),
        ECONNABORTED => nameof(ECONNABORTED),
        ECONNRESET => nameof(ECONNRESET),
        ENOBUFS => nameof(ENOBUFS),
        EISCONN => nameof(EISCONN),
        ENOTCONN => nameof(ENOTCONN),
        ETIMEDOUT => nameof(ETIMEDOUT),
        ECONNREFUSED => nameof(ECONNREFUSED),
        EALREADY => nameof(EALREADY),
        EINPROGRESS => nameof(EINPROGRESS),
        ECANCELED => nameof(ECANCELED),
        _ => $"errno {errno}",
    };

    internal static IoError ToIoError(int errno) => errno switch
    {
        0 => IoError.None,
        EAGAIN => IoError.WouldBlock,
        EINTR => IoError.Interrupted,
        ECONNRESET => IoError.ConnectionReset,
        EPIPE => IoError.BrokenPipe,
        ECONNREFUSED => IoError.ConnectionRefused,
        ECONNABORTED => IoError.ConnectionAborted,
        EINPROGRESS or EALREADY => IoError.InProgress,
        EADDRINUSE => IoError.AddressInUse,
        EADDRNOTAVAIL => IoError.AddressNotAvailable,
        EMFILE or ENFILE => IoError.TooManyOpenFiles,
        ETIMEDOUT => IoError.TimedOut,
        ENOTCONN => IoError.NotConnected,
        ENOSYS or EOPNOTSUPP or EAFNOSUPPORT => IoError.NotSupported,
        EINVAL => IoError.InvalidArgument,
        EPERM or EACCES => IoError.PermissionDenied,
        ENOBUFS => IoError.NoBufferSpace,
        ENOMEM => IoError.OutOfMemory,
        ECANCELED => IoError.Canceled,
        EBADF => IoError.BadDescriptor,
        ENETUNREACH => IoError.NetworkUnreachable,
        _ => IoError.Other,
    };
}
