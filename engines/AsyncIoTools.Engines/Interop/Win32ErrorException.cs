using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// A Win32 or Winsock call failed: <see cref="ErrnoException"/>'s sibling for Windows, with the same message
/// shape (<c>AcceptEx: WSAECONNRESET (…)</c>) so users read one style whatever the platform.
/// </summary>
internal sealed class Win32ErrorException : IOException
{
    public Win32ErrorException(string function, int errorCode)
        : base($"{function}: {Win32Error.NameOf(errorCode)} ({new System.ComponentModel.Win32Exception(errorCode).Message})", errorCode)
    {
        Function = function;
        ErrorCode = errorCode;
    }

    public Win32ErrorException()
        : this("call", Win32Error.ERROR_INVALID_PARAMETER)
    {
    }

    public Win32ErrorException(string message)
        : base(message)
    {
        Function = "call";
    }

    public Win32ErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Function = "call";
    }

    /// <summary>The Win32 or Winsock function that failed.</summary>
    public string Function { get; }

    /// <summary>The raw GetLastError/WSAGetLastError value.</summary>
    public int ErrorCode { get; }

    /// <summary>The code's winerror.h name, such as <c>WSAEADDRINUSE</c> or <c>ERROR_OPERATION_ABORTED</c>.</summary>
    public string ErrorName => Win32Error.NameOf(ErrorCode);

    public IoError Error => Win32Error.ToIoError(ErrorCode);
}
