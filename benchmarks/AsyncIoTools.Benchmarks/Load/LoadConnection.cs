using System.Net;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>One client connection of a worker, with what it is waiting for.</summary>
internal sealed class LoadConnection
{
    public const int MaxHeadBytes = 16 * 1024;

    public LoadConnection(int index, bool active, IPAddress? source)
    {
        Index = index;
        Active = active;
        Source = source;
    }

    public int Index { get; }

    /// <summary>Sends requests; an inactive connection only stays open.</summary>
    public bool Active { get; }

    public IPAddress? Source { get; }

    public ClientSocket? Socket;

    public bool Connecting;

    /// <summary>A socket that has finished connecting: one to send on and read from (not closed, not being opened again).</summary>
    public bool IsConnected => Socket is not null && !Connecting;

    public bool Registered;

    public long ConnectStartTicks;

    /// <summary>When the connect completed: how long an idle connection the server closed had been open.</summary>
    public long ConnectedTicks;

    public int ConnectFailures;

    /// <summary>Connections in a row the server closed at once, before any answer (<see cref="RequestSchedule.ClosedAtOnce"/>).</summary>
    public int Refusals;

    /// <summary>Requests sent and not yet answered.</summary>
    public int Outstanding;

    /// <summary>Send time of each outstanding request, oldest first (a ring of Pipeline entries).</summary>
    public long[] SendTicks = [];

    /// <summary>Intended start of each outstanding request (constant-rate mode), same ring.</summary>
    public long[] IntendedTicks = [];

    public int RingHead;

    /// <summary>Constant-rate mode: when the next request is due.</summary>
    public long NextDueTicks;

    public int AnsweredOnConnection;

    // HTTP response reading.
    public bool InBody;
    public long BodyRemaining;
    public int Status;
    public bool ServerCloses;
    public byte[]? HeadBuffer;
    public int HeadLength;

    // Echo reading: bytes of the current message still to come.
    public long EchoRemaining;

    /// <summary>A send the socket took only part of; the rest goes when it is writable.</summary>
    public byte[]? PendingSend;
    public int PendingSendOffset;

    public void ResetForNewSocket()
    {
        Outstanding = 0;
        RingHead = 0;
        InBody = false;
        BodyRemaining = 0;
        Status = 0;
        ServerCloses = false;
        HeadLength = 0;
        EchoRemaining = 0;
        PendingSend = null;
        PendingSendOffset = 0;
        AnsweredOnConnection = 0;
        Registered = false;
    }
}
