using System.Net;
using System.Net.Sockets;

namespace AsyncIoTools.Engines.Tests.Differential;

/// <summary>
/// One connection that sends a request stream in parts (pausing between them, so the server reads them apart),
/// half-closes, and reads everything until the server closes. A reset or a hang is a failure.
/// </summary>
internal static class WireExchange
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    public static async Task<byte[]> RunAsync(IPEndPoint server, IReadOnlyList<ReadOnlyMemory<byte>> parts, TimeSpan pause)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(ReadTimeout);
        await socket.ConnectAsync(server, timeout.Token);
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0 && pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, timeout.Token);
            }

            await socket.SendAsync(parts[i], SocketFlags.None, timeout.Token);
        }

        socket.Shutdown(SocketShutdown.Send);
        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var count = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (count == 0)
            {
                return received.ToArray();
            }

            received.Write(buffer, 0, count);
        }
    }

    /// <summary>Runs <paramref name="exchanges"/> with at most <paramref name="concurrency"/> connections open at once.</summary>
    public static async Task<T[]> RunAllAsync<T>(IReadOnlyList<Func<Task<T>>> exchanges, int concurrency)
    {
        using var gate = new SemaphoreSlim(concurrency);
        return await Task.WhenAll(exchanges.Select(async exchange =>
        {
            await gate.WaitAsync();
            try
            {
                return await exchange();
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
