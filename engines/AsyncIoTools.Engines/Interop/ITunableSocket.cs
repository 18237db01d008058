using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>A socket whose options can be set: the Linux descriptor and the Winsock handle alike.</summary>
internal interface ITunableSocket
{
    void SetOption(SocketOption option, int value);
}
