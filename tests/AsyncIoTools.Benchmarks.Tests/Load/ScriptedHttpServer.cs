using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AsyncIoTools.Benchmarks.Tests.Load;

/// <summary>
/// A small HTTP server on .NET's own sockets, independent of our engines and interop, that records how many
/// requests each connection sent and answers as the test tells it: 200, 500, or never, with a body of any size.
/// </summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly Socket _listener = new(SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly byte[] _response;
    private int _nextConnection;

    public ScriptedHttpServer(int status = 200, bool answer = true, int bodyBytes = 2)
    {
        Answer = answer;
        var reason = status == 200 ? "OK" : "Internal Server Error";
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Length: {bodyBytes}\r\n\r\n");
        _response = [.. head, .. Enumerable.Repeat((byte)'k', bodyBytes)];
        ResponseBytes = _response.Length;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1024);
        _accepting = AcceptAsync();
    }

    public bool Answer { get; }

    /// <summary>Bytes of one answer, head and body.</summary>
    public int ResponseBytes { get; }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Requests received, by connection (numbered in the order they were accepted).</summary>
    public ConcurrentDictionary<int, int> RequestsByConnection { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting.ContinueWith(static _ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var id = Interlocked.Increment(ref _nextConnection);
            RequestsByConnection[id] = 0;
            _ = ServeAsync(connection, id);
        }
    }

    private async Task ServeAsync(Socket connection, int id)
    {
        using (connection)
        {
            var buffer = new byte[8192];
            var pending = string.Empty;
            try
            {
                while (true)
                {
                    var read = await connection.ReceiveAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    pending += Encoding.ASCII.GetString(buffer, 0, read);
                    int end;
                    while ((end = pending.IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
                    {
                        pending = pending[(end + 4)..];
                        RequestsByConnection.AddOrUpdate(id, 1, (_, n) => n + 1);
                        if (Answer)
                        {
                            await connection.SendAsync(_response, _stop.Token);
                        }
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The test is over or the client went away.
            }
        }
    }
}
