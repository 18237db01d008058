using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace AsyncIoTools.Diagnostics.Targets;

/// <summary>
/// Asks a runtime who it is with the diagnostics IPC command ProcessInfo2 (command set 0x04, id 0x04, .NET 6+).
/// Microsoft.Diagnostics.NETCore.Client keeps its ProcessInfo internal, and the answer (version, command line)
/// is what <c>aiotools ps</c> shows and what the runtime-too-old check needs, so the ten lines of protocol live here.
/// </summary>
public static class ProcessInfoQuery
{
    public const int HeaderSize = 20;
    public const byte ProcessCommandSet = 0x04;
    public const byte ProcessInfo2Command = 0x04;
    public const byte ServerCommandSet = 0xFF;
    public const byte ErrorCommand = 0xFF;

    /// <summary>"DOTNET_IPC_V1" and its terminating zero: the first 14 bytes of every message.</summary>
    public static ReadOnlySpan<byte> Magic => "DOTNET_IPC_V1\0"u8;

    /// <summary>
    /// Connects to <paramref name="endpointPath"/> and returns the runtime's answer. A refused or forbidden
    /// connection raises <see cref="SocketException"/>; an error answer raises <see cref="IpcErrorResponseException"/>.
    /// </summary>
    public static RuntimeInfo Query(string endpointPath, TimeSpan timeout)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.SendTimeout = (int)timeout.TotalMilliseconds;
        socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        socket.Connect(new UnixDomainSocketEndPoint(endpointPath));
        socket.Send(Header(HeaderSize, ProcessCommandSet, ProcessInfo2Command));

        var header = ReceiveExactly(socket, HeaderSize);
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException("the diagnostics endpoint did not answer with the IPC magic");
        }

        var size = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(14));
        var payload = ReceiveExactly(socket, size - HeaderSize);
        if (header[16] == ServerCommandSet && header[17] == ErrorCommand)
        {
            throw new IpcErrorResponseException(BinaryPrimitives.ReadUInt32LittleEndian(payload));
        }

        return Parse(payload);
    }

    /// <summary>An IPC header: magic, total size, command set, command id, two reserved bytes.</summary>
    public static byte[] Header(int totalSize, byte commandSet, byte commandId)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(14), checked((ushort)totalSize));
        header[16] = commandSet;
        header[17] = commandId;
        return header;
    }

    /// <summary>
    /// The ProcessInfo2 payload: pid (u64), runtime cookie (16 bytes), then five strings (command line, OS,
    /// architecture, entry assembly, runtime version), each a u32 count of UTF-16 units (with the NUL) and the units.
    /// </summary>
    public static RuntimeInfo Parse(ReadOnlySpan<byte> payload)
    {
        var processId = (int)BinaryPrimitives.ReadUInt64LittleEndian(payload);
        var offset = 8 + 16;
        var commandLine = ReadString(payload, ref offset);
        var os = ReadString(payload, ref offset);
        var architecture = ReadString(payload, ref offset);
        var entry = ReadString(payload, ref offset);
        var version = ReadString(payload, ref offset);
        return new RuntimeInfo(processId, commandLine, os, architecture, entry, version);
    }

    /// <summary>The inverse of <see cref="Parse"/>, for tests and stand-in endpoints.</summary>
    public static byte[] Serialize(RuntimeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        using var stream = new MemoryStream();
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(number, (ulong)info.ProcessId);
        stream.Write(number);
        stream.Write(new byte[16]);
        foreach (var text in new[] { info.CommandLine, info.OperatingSystem, info.Architecture, info.EntryAssembly, info.RuntimeVersionText })
        {
            BinaryPrimitives.WriteUInt32LittleEndian(number, (uint)(text.Length + 1));
            stream.Write(number[..4]);
            stream.Write(Encoding.Unicode.GetBytes(text + "\0"));
        }

        return stream.ToArray();
    }

    private static string ReadString(ReadOnlySpan<byte> payload, ref int offset)
    {
        var units = (int)BinaryPrimitives.ReadUInt32LittleEndian(payload[offset..]);
        offset += 4;
        if (units == 0)
        {
            return string.Empty;
        }

        var text = Encoding.Unicode.GetString(payload.Slice(offset, units * 2));
        offset += units * 2;
        return text.TrimEnd('\0');
    }

    private static byte[] ReceiveExactly(Socket socket, int count)
    {
        var buffer = new byte[count];
        var received = 0;
        while (received < count)
        {
            var n = socket.Receive(buffer, received, count - received, SocketFlags.None);
            if (n == 0)
            {
                throw new EndOfStreamException("the diagnostics endpoint closed the connection");
            }

            received += n;
        }

        return buffer;
    }
}
