using System.Buffers.Text;
using System.Text;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>
/// Reads HTTP/1.1 responses off a connection, one at a time, without allocating: the status, Content-Length
/// and Connection: close are all a load generator needs. A head split across reads is gathered in a small
/// per-connection buffer; chunked bodies are not supported (no server we measure sends them).
/// </summary>
internal static class HttpResponseReader
{
    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    /// <summary>Consumes bytes of the current response; <paramref name="consumed"/> says how many.</summary>
    public static ResponseOutcome Read(LoadConnection connection, ReadOnlySpan<byte> data, out int consumed)
    {
        consumed = 0;
        if (connection.InBody)
        {
            var take = (int)Math.Min(connection.BodyRemaining, data.Length);
            consumed = take;
            connection.BodyRemaining -= take;
            if (connection.BodyRemaining > 0)
            {
                return ResponseOutcome.NeedMore;
            }

            connection.InBody = false;
            return ResponseOutcome.Completed;
        }

        int headLength;
        ReadOnlySpan<byte> head;
        if (connection.HeadLength == 0)
        {
            var end = data.IndexOf(HeadEnd);
            if (end < 0)
            {
                return Gather(connection, data, out consumed);
            }

            headLength = end + HeadEnd.Length;
            head = data[..headLength];
            consumed = headLength;
        }
        else
        {
            // Part of the head came earlier: look for its end across the boundary.
            var previous = connection.HeadLength;
            var take = Math.Min(data.Length, LoadConnection.MaxHeadBytes - previous);
            data[..take].CopyTo(connection.HeadBuffer.AsSpan(previous));
            var combined = connection.HeadBuffer.AsSpan(0, previous + take);
            var end = combined.IndexOf(HeadEnd);
            if (end < 0)
            {
                connection.HeadLength = previous + take;
                consumed = take;
                return connection.HeadLength >= LoadConnection.MaxHeadBytes ? ResponseOutcome.Malformed : ResponseOutcome.NeedMore;
            }

            headLength = end + HeadEnd.Length;
            head = combined[..headLength];
            consumed = headLength - previous;
            connection.HeadLength = 0;
        }

        if (!TryParseHead(head, out var status, out var contentLength, out var closes))
        {
            return ResponseOutcome.Malformed;
        }

        connection.Status = status;
        connection.ServerCloses = closes;
        if (contentLength > 0)
        {
            connection.InBody = true;
            connection.BodyRemaining = contentLength;
            var rest = Read(connection, data[consumed..], out var bodyBytes);
            consumed += bodyBytes;
            return rest;
        }

        return ResponseOutcome.Completed;
    }

    private static ResponseOutcome Gather(LoadConnection connection, ReadOnlySpan<byte> data, out int consumed)
    {
        if (data.Length >= LoadConnection.MaxHeadBytes)
        {
            consumed = data.Length;
            return ResponseOutcome.Malformed;
        }

        connection.HeadBuffer ??= new byte[LoadConnection.MaxHeadBytes];
        data.CopyTo(connection.HeadBuffer);
        connection.HeadLength = data.Length;
        consumed = data.Length;
        return ResponseOutcome.NeedMore;
    }

    internal static bool TryParseHead(ReadOnlySpan<byte> head, out int status, out long contentLength, out bool closes)
    {
        status = 0;
        contentLength = 0;
        closes = false;
        if (head.Length < 12 || !head.StartsWith("HTTP/1."u8) || head[8] != ' '
            || !Utf8Parser.TryParse(head.Slice(9, 3), out status, out var statusLength) || statusLength != 3)
        {
            return false;
        }

        var lines = head[(head.IndexOf((byte)'\n') + 1)..];
        while (lines.Length > 2)
        {
            var newline = lines.IndexOf((byte)'\n');
            var line = lines[..newline].TrimEnd((byte)'\r');
            lines = lines[(newline + 1)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out var used) || used != value.Length || contentLength < 0)
                {
                    return false;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                closes = value.Length >= 5 && Ascii.EqualsIgnoreCase(value[..5], "close"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                return false;
            }
        }

        return true;
    }
}
