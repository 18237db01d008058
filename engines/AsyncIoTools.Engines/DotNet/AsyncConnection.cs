using System.Net.Sockets;
using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.DotNet;

/// <summary>
/// One connection as an async loop: await ReceiveAsync, let the protocol answer, await SendAsync, again. While
/// it awaits, no thread is held: the runtime's own epoll thread resumes it on the pool when the socket is ready.
/// </summary>
internal sealed class AsyncConnection : ConnectionFlow
{
    private readonly Socket _socket;
    private readonly ServerProtocol _protocol;
    private readonly SocketTuning _tuning;
    private readonly ConnectionRoster _roster;
    private readonly Action<Exception> _onFailure;

    public AsyncConnection(Socket socket, ServerProtocol protocol, SocketTuning tuning, ConnectionRoster roster, Action<Exception> onFailure)
    {
        _socket = socket;
        _protocol = protocol;
        _tuning = tuning;
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

    private async Task RunAsync()
    {
        try
        {
            ApplyTuning();
            using var session = new ProtocolSession(_protocol);
            await ServeAsync(session);
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
            _roster.Leave(this);
        }
    }

    private async Task ServeAsync(ProtocolSession session)
    {
        while (true)
        {
            var received = await _socket.ReceiveAsync(session.FreeInput, SocketFlags.None);
            if (received == 0)
            {
                return; // The peer is done (whatever it asked was answered), or the server is stopping.
            }

            Counters.BytesIn += received;
            session.Received(received);
            while (true)
            {
                var step = session.Step();
                Counters.Requests += step.Requests;
                if (!await RespondAsync(session, step))
                {
                    return;
                }

                if (step.Close)
                {
                    if (step.Linger)
                    {
                        await LingerAsync(session);
                    }

                    return;
                }

                if (step.NeedsInput)
                {
                    break;
                }
            }

            if (session.InputFull)
            {
                return;
            }
        }
    }

    /// <summary>Sends a step's output (in two writes if the protocol split it) and its file body; false if the file failed.</summary>
    private async ValueTask<bool> RespondAsync(ProtocolSession session, SessionStep step)
    {
        using var file = step.File;
        if (step.Written == 0 && file is null)
        {
            return true;
        }

        if (_tuning.Cork)
        {
            ManagedSocketOptions.SetCork(_socket, true);
        }

        var output = session.Output(step);
        if (step.SplitAt > 0)
        {
            await SendAllAsync(output[..step.SplitAt]);
            output = output[step.SplitAt..];
        }

        await SendAllAsync(output);
        if (file is not null && !await SendFileAsync(file, session.TransferBuffer))
        {
            return false;
        }

        if (_tuning.Cork)
        {
            ManagedSocketOptions.SetCork(_socket, false);
        }

        return true;
    }

    /// <summary>The body read into a user buffer and sent from there: what a .NET service streaming a file does.</summary>
    private async ValueTask<bool> SendFileAsync(FileBody body, Memory<byte> buffer)
    {
        while (body.Remaining > 0)
        {
            var read = body.File.ReadAt(buffer.Span[..(int)Math.Min(body.Remaining, buffer.Length)], body.Position);
            if (!read.Succeeded || read.Value == 0)
            {
                return false; // The file shrank under us: close rather than send a short body.
            }

            await SendAllAsync(buffer[..read.Value]);
            body.Offset += read.Value;
            body.Advance(read.Value);
        }

        return true;
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None);
            Counters.BytesOut += sent;
            data = data[sent..];
        }
    }

    /// <summary>After a rejected request: shut our side, then read and drop until the peer closes (bounded).</summary>
    private async ValueTask LingerAsync(ProtocolSession session)
    {
        _socket.Shutdown(SocketShutdown.Send);
        long dropped = 0;
        while (dropped <= ProtocolSession.LingerLimitBytes)
        {
            var received = await _socket.ReceiveAsync(session.Scratch, SocketFlags.None);
            if (received == 0)
            {
                return;
            }

            Counters.BytesIn += received;
            dropped += received;
        }
    }

    private void ApplyTuning()
    {
        _socket.NoDelay = _tuning.NoDelay;

        if (_tuning.SendBufferBytes is { } send)
        {
            _socket.SendBufferSize = send;
        }

        if (_tuning.ReceiveBufferBytes is { } receive)
        {
            _socket.ReceiveBufferSize = receive;
        }

        if (_tuning.KeepAliveIdleSeconds is { } idle)
        {
            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            _socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, idle);
        }
    }
}
