using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>
/// A deliberately plain, blocking client built on .NET's own sockets — independent of our interop — that
/// can send bytes one at a time, half-close, abort, and read responses exactly.
/// </summary>
public sealed class RawClient : IDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);
    private readonly Socket _socket;
    private readonly List<byte> _buffered = [];

    private RawClient(Socket socket) => _socket = socket;

    public static RawClient Connect(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = (int)ReadTimeout.TotalMilliseconds,
            SendTimeout = (int)ReadTimeout.TotalMilliseconds,
        };
        socket.Connect(endPoint);
        return new RawClient(socket);
    }

    /// <summary>The client's own port: how the server's end of this connection is told from others (ss).</summary>
    public int LocalPort => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public static string Get(string path = "/", string? extraHeaders = null) =>
        $"GET {path} HTTP/1.1\r\nHost: test\r\n{extraHeaders}\r\n";

    public void Send(string text) => Send(Encoding.ASCII.GetBytes(text));

    public void Send(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[_socket.Send(bytes)..];
        }
    }

    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Closes with RST (SO_LINGER 0), as a client that crashes or gives up does.</summary>
    public void Abort()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public TestResponse ReadResponse()
    {
        var (status, headers, body) = ReadResponseBytes();
        return new TestResponse(status, headers, Encoding.ASCII.GetString(body));
    }

    /// <summary>A response's status, headers and raw body bytes.</summary>
    public (int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body) ReadResponseBytes()
    {
        var head = ReadHead();
        var length = head.Header("Content-Length") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        while (_buffered.Count < length)
        {
            Fill();
        }

        return (head.Status, head.Headers, Take(length));
    }

    /// <summary>Only the status line and headers (for HEAD, whose Content-Length has no body behind it).</summary>
    public TestResponse ReadHead()
    {
        var headEnd = ReadUntil("\r\n\r\n"u8);
        var head = Encoding.ASCII.GetString(Take(headEnd + 4));
        var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return new TestResponse(status, headers, string.Empty);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes.</summary>
    public byte[] ReadExactly(int count)
    {
        while (_buffered.Count < count)
        {
            Fill();
        }

        return Take(count);
    }

    /// <summary>True if the peer closes (FIN or RST) with no more data before the timeout.</summary>
    public bool ReadsEndOfStream()
    {
        if (_buffered.Count > 0)
        {
            return false;
        }

        try
        {
            var buffer = new byte[1024];
            return _socket.Receive(buffer) == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    public void Dispose() => _socket.Dispose();

    private int ReadUntil(ReadOnlySpan<byte> marker)
    {
        while (true)
        {
            var index = IndexOf(marker);
            if (index >= 0)
            {
                return index;
            }

            Fill();
        }
    }

    private int IndexOf(ReadOnlySpan<byte> marker)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_buffered);
        return span.IndexOf(marker);
    }

    private void Fill()
    {
        var buffer = new byte[64 * 1024];
        var read = _socket.Receive(buffer);
        if (read == 0)
        {
            throw new IOException($"the server closed the connection ({_buffered.Count} bytes unread)");
        }

        _buffered.AddRange(buffer.AsSpan(0, read));
    }

    private byte[] Take(int count)
    {
        var taken = _buffered.GetRange(0, count).ToArray();
        _buffered.RemoveRange(0, count);
        return taken;
    }
}
