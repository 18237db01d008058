using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.EventLoop;

namespace AsyncIoTools.Engines.Reactor;

/// <summary>Reading: the socket into the loop's buffer, the machine over it, and what it says comes next.</summary>
internal sealed partial class ReactorLoop
{
    /// <param name="peerClosed">The event said the peer's FIN has come (EPOLLRDHUP): read on to it past a short read.</param>
    private void OnReadable(ReactorConnection connection, bool peerClosed)
    {
        while (true)
        {
            var result = connection.Socket!.ReceiveOwned(_readBuffer);
            if (!result.Succeeded)
            {
                if (!result.WouldBlock)
                {
                    Close(connection);
                }

                return;
            }

            if (result.Value == 0)
            {
                // The peer is done sending; whatever it asked for has been answered. A partial request is dropped.
                Close(connection);
                return;
            }

            var step = connection.Machine.Feed(_readBuffer.AsSpan(0, result.Value), _writeBuffer, _now);
            if (!Carry(connection, step) || (result.Value < _readBuffer.Length && !peerClosed))
            {
                // Closed, waiting for writability, or drained for now: a short read emptied the receive queue. Level-
                // triggered, the next wait reports more; edge-triggered too, because epoll queues the socket again on
                // every arrival (ep_poll_callback runs at each wakeup), so a read that would find EAGAIN is a wasted
                // syscall per request. nginx stops on a short read the same way (ngx_unix_recv clears rev->ready,
                // unless EPOLLRDHUP said a FIN is pending).
                return;
            }
        }
    }

    /// <summary>
    /// Sends a step's answer and does what the machine says comes next, answering held requests as long as the
    /// socket takes the answers; true if the connection may read on.
    /// </summary>
    private bool Carry(ReactorConnection connection, ConnectionStep step)
    {
        while (true)
        {
            if (step.HasOutput && !Respond(connection, step))
            {
                if (connection.Socket is not null)
                {
                    connection.AfterWrite = step.Next;
                }

                return false;
            }

            switch (step.Next)
            {
                case ConnectionNext.Read:
                    return true;
                case ConnectionNext.Answer:
                    step = connection.Machine.Resume(_writeBuffer, _now);
                    break;
                case ConnectionNext.Close:
                    Close(connection);
                    return false;
                default:
                    Linger(connection);
                    return true;
            }
        }
    }

    /// <summary>The error answer is out: shut our side and read on, the machine dropping what comes, until the peer closes.</summary>
    private void Linger(ReactorConnection connection)
    {
        _ = connection.Socket!.Shutdown(ShutdownMode.Send);
        SetInterest(connection, IoEvents.Readable);
    }
}
