using System.Buffers.Binary;
using System.Net.Sockets;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics.Tests.Support;

/// <summary>
/// A stand-in diagnostics endpoint that speaks the documented IPC protocol and answers one request with a fixed
/// message: a ProcessInfo2 answer, or the error a runtime gives for a command it predates (what .NET 5 and older
/// answer to ProcessInfo2). Used to reproduce answers no runtime installed here gives.
/// </summary>
public sealed class StandInEndpoint : IDisposable
{
    private readonly Socket _listener;

    private StandInEndpoint(string path, Socket listener, Task<byte[]> request)
    {
        Path = path;
        _listener = listener;
        Request = request;
    }

    public string Path { get; }

    /// <summary>The header the client sent.</summary>
    public Task<byte[]> Request { get; }

    /// <summary>Listens at <paramref name="path"/> (a fresh temporary path when null) and answers once.</summary>
    public static Task<StandInEndpoint> StartAsync(byte[] answer, string? path = null)
    {
        path ??= System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"aiotools-test-{Guid.NewGuid():N}-socket");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var request = Task.Run(async () =>
        {
            using var connection = await listener.AcceptAsync();
            var header = new byte[ProcessInfoQuery.HeaderSize];
            var read = 0;
            while (read < header.Length)
            {
                read += await connection.ReceiveAsync(header.AsMemory(read), SocketFlags.None);
            }

            await connection.SendAsync(answer, SocketFlags.None);
            return header;
        });
        return Task.FromResult(new StandInEndpoint(path, listener, request));
    }

    public static byte[] Answer(RuntimeInfo info)
    {
        var payload = ProcessInfoQuery.Serialize(info);
        return [.. ProcessInfoQuery.Header(ProcessInfoQuery.HeaderSize + payload.Length, ProcessInfoQuery.ServerCommandSet, 0x00), .. payload];
    }

    public static byte[] Error(uint hresult)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(payload, hresult);
        return [.. ProcessInfoQuery.Header(ProcessInfoQuery.HeaderSize + 4, ProcessInfoQuery.ServerCommandSet, ProcessInfoQuery.ErrorCommand), .. payload];
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(Path);
    }
}
