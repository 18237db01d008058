using System.Runtime.InteropServices;

using AsyncIoTools.Engines.Interop;

namespace AsyncIoTools.Engines.Sockets;

/// <summary>
/// One ready descriptor: what it is ready for and the token it was registered with. Laid out exactly like
/// <c>struct epoll_event</c> on x86-64, so epoll_wait writes straight into an array of these.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct ReadyEvent
{
    public IoEvents Events;

    public ulong Token;

    public ReadyEvent(IoEvents events, ulong token)
    {
        Events = events;
        Token = token;
    }
}
