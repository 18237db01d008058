using System.Globalization;

namespace AsyncIoTools.Diagnostics.Targets;

/// <summary>The runtime answered a diagnostics command with an error code (an HRESULT).</summary>
public sealed class IpcErrorResponseException : Exception
{
    /// <summary>DS_IPC_E_UNKNOWN_COMMAND: the runtime predates the command.</summary>
    public const uint UnknownCommand = 0x80131384;

    public IpcErrorResponseException(uint errorCode)
        : base($"the runtime answered with error 0x{errorCode.ToString("X8", CultureInfo.InvariantCulture)}")
    {
        ErrorCode = errorCode;
    }

    public IpcErrorResponseException()
        : this(0)
    {
    }

    public IpcErrorResponseException(string message)
        : base(message)
    {
    }

    public IpcErrorResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public uint ErrorCode { get; }

    public bool IsUnknownCommand => ErrorCode == UnknownCommand;
}
