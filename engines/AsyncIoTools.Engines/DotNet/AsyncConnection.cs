using System.Net.Sockets;
using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.DotNet;

/// <summary>
/// One connection as an async loop (the shared conversation of <see cref="ConnectionFlow"/>): await ReceiveAsync,
/// let the machine answer, await SendAsync, again. While it awaits, no thread is held: the runtime's own epoll
/// thread resumes it on the pool when the socket is ready.
/// </summary>
internal sealed class AsyncConnection : ConnectionFlow
{
    private readonly Socket _socket;
    private readonly ServerRules _rules;
    private readonly ConnectionRoster _roster;
    private readonly Action<Exception> _onFailure;

    public AsyncConnection(Socket socket, ServerRules rules, SocketTuning tuning, ConnectionRoster roster, Action<Exception> onFailure)
        : base(rules, tuning)
    {
        _socket = socket;
        _rules = rules;
        _roster = roster;
        _onFailure = onFailure;
    }

    /// <summary>Runs the loop on the pool, so the accept loop goes back to accepting at once.</summary>
    public void Start() => ThreadPool.UnsafeQueueUserWorkItem(static connection => _ = connection.RunAsync(), this, preferLocal: false);

    public override void Interrupt()
    {
        // A pending ReceiveAsync completes with 0 and a pending SendAsync fails: the loop ends and closes.
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            // Already closed or reset.
        }
    }

    protected override ValueTask<int> ReceiveAsync(Memory<byte> buffer) => _socket.ReceiveAsync(buffer, SocketFlags.None);

    protected override async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None);
            Counters.BytesOut += sent;
            data = data[sent..];
            if (!data.IsEmpty)
            {
                Machine.Progress(Environment.TickCount64);
            }
        }

        return true;
    }

    /// <summary>The body read into a user buffer and sent from there: what a .NET service streaming a file does.</summary>
    protected override async ValueTask<bool> SendFileAsync(FileBody body)
    {
        var buffer = TransferBuffer;
        while (body.Remaining > 0)
        {
            var read = body.File.ReadAt(buffer.Span[..(int)Math.Min(body.Remaining, buffer.Length)], body.Position);
            if (!read.Succeeded || read.Value == 0)
            {
                return false; // The file shrank under us: close rather than send a short body.
            }

            await SendAsync(buffer[..read.Value]);
            body.Offset += read.Value;
            body.Advance(read.Value);
            Machine.Progress(Environment.TickCount64);
        }

        return true;
    }

    protected override void SetCork(bool on) => ManagedSocketOptions.SetCork(_socket, on);

    protected override void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    private async Task RunAsync()
    {
        try
        {
            ApplyTuning();
            await ServeAsync();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer reset the connection, or the server is stopping.
        }
#pragma warning disable CA1031 // A bug in one connection is reported to the engine, which stops; it must not kill the process.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _onFailure(e);
        }
        finally
        {
            _socket.Dispose();
            _rules.Accept.Leave();
            _roster.Leave(this);
        }
    }

    private void ApplyTuning()
    {
        _socket.NoDelay = Tuning.NoDelay;

        if (Tuning.SendBufferBytes is { } send)
        {
            _socket.SendBufferSize = send;
        }

        if (Tuning.ReceiveBufferBytes is { } receive)
        {
            _socket.ReceiveBufferSize = receive;
        }

        if (Tuning.KeepAliveIdleSeconds is { } idle)
        {
            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            _socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, idle);
        }
    }
}
