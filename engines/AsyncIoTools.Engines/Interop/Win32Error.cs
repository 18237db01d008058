using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>Win32 and Winsock error codes (winerror.h) with their names, as <see cref="Errno"/> is for Linux.</summary>
internal static class Win32Error
{
    internal const int ERROR_INVALID_HANDLE = 6;
    internal const int ERROR_NOT_ENOUGH_MEMORY = 8;
    internal const int ERROR_INVALID_PARAMETER = 87;
    internal const int ERROR_NETNAME_DELETED = 64;
    internal const int ERROR_ABANDONED_WAIT_0 = 735;
    internal const int ERROR_OPERATION_ABORTED = 995;
    internal const int ERROR_IO_PENDING = 997;
    internal const int ERROR_CONNECTION_ABORTED = 1236;
    internal const int WSA_IO_PENDING = ERROR_IO_PENDING;
    internal const int WSAEINTR = 10004;
    internal const int WSAEBADF = 10009;
    internal const int WSAEACCES = 10013;
    internal const int WSAEFAULT = 10014;
    internal const int WSAEINVAL = 10022;
    internal const int WSAEMFILE = 10024;
    internal const int WSAEWOULDBLOCK = 10035;
    internal const int WSAEINPROGRESS = 10036;
    internal const int WSAENOTSOCK = 10038;
    internal const int WSAEOPNOTSUPP = 10045;
    internal const int WSAEAFNOSUPPORT = 10047;
    internal const int WSAEADDRINUSE = 10048;
    internal const int WSAEADDRNOTAVAIL = 10049;
    internal const int WSAENETUNREACH = 10051;
    internal const int WSAECONNABORTED = 10053;
    internal const int WSAECONNRESET = 10054;
    internal const int WSAENOBUFS = 10055;
    internal const int WSAENOTCONN = 10057;
    internal const int WSAESHUTDOWN = 10058;
    internal const int WSAETIMEDOUT = 10060;
    internal const int WSAECONNREFUSED = 10061;
    internal const int WSANOTINITIALISED = 10093;

    internal static string NameOf(int code) => code switch
    {
        ERROR_INVALID_HANDLE => nameof(ERROR_INVALID_HANDLE),
        ERROR_NOT_ENOUGH_MEMORY => nameof(ERROR_NOT_ENOUGH_MEMORY),
        ERROR_INVALID_PARAMETER => nameof(ERROR_INVALID_PARAMETER),
        ERROR_NETNAME_DELETED => nameof(ERROR_NETNAME_DELETED),
        ERROR_ABANDONED_WAIT_0 => nameof(ERROR_ABANDONED_WAIT_0),
        ERROR_OPERATION_ABORTED => nameof(ERROR_OPERATION_ABORTED),
        ERROR_IO_PENDING => nameof(WSA_IO_PENDING),
        ERROR_CONNECTION_ABORTED => nameof(ERROR_CONNECTION_ABORTED),
        WSAEINTR => nameof(WSAEINTR),
        WSAEBADF => nameof(WSAEBADF),
        WSAEACCES => nameof(WSAEACCES),
        WSAEFAULT => nameof(WSAEFAULT),
        WSAEINVAL => nameof(WSAEINVAL),
        WSAEMFILE => nameof(WSAEMFILE),
        WSAEWOULDBLOCK => nameof(WSAEWOULDBLOCK),
        WSAEINPROGRESS => nameof(WSAEINPROGRESS),
        WSAENOTSOCK => nameof(WSAENOTSOCK),
        WSAEOPNOTSUPP => nameof(WSAEOPNOTSUPP),
        WSAEAFNOSUPPORT => nameof(WSAEAFNOSUPPORT),
        WSAEADDRINUSE => nameof(WSAEADDRINUSE),
        WSAEADDRNOTAVAIL => nameof(WSAEADDRNOTAVAIL),
        WSAENETUNREACH => nameof(WSAENETUNREACH),
        WSAECONNABORTED => nameof(WSAECONNABORTED),
        WSAECONNRESET => nameof(WSAECONNRESET),
        WSAENOBUFS => nameof(WSAENOBUFS),
        WSAENOTCONN => nameof(WSAENOTCONN),
        WSAESHUTDOWN => nameof(WSAESHUTDOWN),
        WSAETIMEDOUT => nameof(WSAETIMEDOUT),
        WSAECONNREFUSED => nameof(WSAECONNREFUSED),
        WSANOTINITIALISED => nameof(WSANOTINITIALISED),
        _ => $"error {code}",
    };

    internal static IoError ToIoError(int code) => code switch
    {
        0 => IoError.None,
        WSAEWOULDBLOCK => IoError.WouldBlock,
        WSAEINTR => IoError.Interrupted,
        WSAECONNRESET or ERROR_NETNAME_DELETED => IoError.ConnectionReset,
        WSAESHUTDOWN => IoError.BrokenPipe,
        WSAECONNREFUSED => IoError.ConnectionRefused,
        WSAECONNABORTED or ERROR_CONNECTION_ABORTED => IoError.ConnectionAborted,
        WSAEINPROGRESS or ERROR_IO_PENDING => IoError.InProgress,
        WSAEADDRINUSE => IoError.AddressInUse,
        WSAEADDRNOTAVAIL => IoError.AddressNotAvailable,
        WSAEMFILE => IoError.TooManyOpenFiles,
        WSAETIMEDOUT => IoError.TimedOut,
        WSAENOTCONN => IoError.NotConnected,
        WSAEOPNOTSUPP or WSAEAFNOSUPPORT => IoError.NotSupported,
        WSAEINVAL or ERROR_INVALID_PARAMETER => IoError.InvalidArgument,
        WSAEACCES => IoError.PermissionDenied,
        WSAENOBUFS => IoError.NoBufferSpace,
        ERROR_NOT_ENOUGH_MEMORY => IoError.OutOfMemory,
        ERROR_OPERATION_ABORTED => IoError.Canceled,
        WSAENOTSOCK or WSAEBADF or ERROR_INVALID_HANDLE => IoError.BadDescriptor,
        WSAENETUNREACH => IoError.NetworkUnreachable,
        _ => IoError.Other,
    };
}
