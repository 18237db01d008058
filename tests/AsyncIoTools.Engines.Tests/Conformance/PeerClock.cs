using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>
/// A client that measures when the server closes its connection: it may send bytes first, and keep sending a byte
/// every so often while it waits (a slowloris client); FIN and RST both count as the close.
/// </summary>
internal sealed class PeerClock : IDisposable
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(30);
    private readonly Socket _socket;
    private readonly Stopwatch _since = Stopwatch.StartNew();

    private PeerClock(Socket socket) => _socket = socket;

    public static PeerClock Connect(IPEndPoint server)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(server);
        return new PeerClock(socket);
    }

    public void Send(string text) => _socket.Send(Encoding.ASCII.GetBytes(text));

    /// <summary>Restarts the clock (before the request whose answer the idle time is counted from).</summary>
    public void Restart() => _since.Restart();

    /// <summary>Reads one response head and the short body behind it; returns its status.</summary>
    public int ReadStatus()
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = _socket.Receive(buffer);
            if (read == 0)
            {
                throw new IOException("the server closed before answering");
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var head = text.ToString();
        var bodyStart = head.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        var lengthAt = head.IndexOf("Content-Length: ", StringComparison.Ordinal) + 16;
        var length = int.Parse(head.AsSpan(lengthAt, head.IndexOf('\r', lengthAt) - lengthAt), System.Globalization.CultureInfo.InvariantCulture);
        for (var have = head.Length - bodyStart; have < length;)
        {
            have += _socket.Receive(buffer);
        }

        return int.Parse(head.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Waits until the server closes, sending <paramref name="trickle"/> (if any) every <paramref name="every"/>; the
    /// time since the clock started, or null if the server had not closed after 30 s.
    /// </summary>
    public async Task<TimeSpan?> ClosedAfterAsync(string? trickle = null, TimeSpan? every = null)
    {
        var interval = every ?? TimeSpan.FromMilliseconds(200);
        var buffer = new byte[4096];
        await Task.Yield(); // The caller starts several clocks at once: none of them blocks it in its first poll.
        while (_since.Elapsed < GiveUp)
        {
            try
            {
                if (_socket.Poll(interval, SelectMode.SelectRead))
                {
                    if (_socket.Receive(buffer) == 0)
                    {
                        return _since.Elapsed;
                    }

                    continue; // An answer (the 405 ahead of a slow body): the close is still to come.
                }

                if (trickle is not null)
                {
                    _socket.Send(Encoding.ASCII.GetBytes(trickle));
                }
            }
            catch (SocketException)
            {
                return _since.Elapsed; // Reset by the server, or a send into a connection it closed.
            }

            await Task.Yield();
        }

        return null;
    }

    public void Dispose() => _socket.Dispose();
}
