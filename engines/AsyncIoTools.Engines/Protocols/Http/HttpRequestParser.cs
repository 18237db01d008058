using System.Buffers;
using System.Text;

namespace AsyncIoTools.Engines.Protocols.Http;

/// <summary>
/// Parses one HTTP/1.x request head (RFC 9112) from the start of a buffer, without allocating. Lines may end in
/// CRLF or a bare LF (§2.2); obs-fold, bare CR, control characters, a bad token, a missing or repeated Host in
/// HTTP/1.1 and conflicting Content-Lengths are malformed.
/// </summary>
public static class HttpRequestParser
{
    private static readonly SearchValues<byte> TokenCharacters =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // Control characters other than HTAB may not appear in a field value; DEL neither. LF ends a line and CR may
    // come just before it: the field lines are checked for these in one pass, the CRs by counting (see FieldsMalformed).
    // A request target is visible ASCII (or obs-text): no control character, space or DEL.
    private static readonly SearchValues<byte> InvalidTargetBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 127]);

    private static readonly SearchValues<byte> InvalidFieldBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    public static HttpParseStatus TryParse(ReadOnlySpan<byte> input, int maxHeadBytes, out HttpRequestHead head)
    {
        head = default;
        var position = 0;

        // A server should ignore empty lines before the request line (§2.2).
        while (position < input.Length && (input[position] == '\n' || input[position] == '\r'))
        {
            if (input[position] == '\r')
            {
                if (position + 1 == input.Length)
                {
                    return Undecided(input, maxHeadBytes);
                }

                if (input[position + 1] != '\n')
                {
                    return HttpParseStatus.Malformed;
                }

                position++;
            }

            position++;
        }

        var lineStart = position;
        if (!TryReadLine(input, ref position, out var requestLine))
        {
            return Undecided(input, maxHeadBytes);
        }

        if (!TryParseRequestLine(requestLine, out var method, out var plaintext, out var http11, out var targetOffset, out var targetLength))
        {
            return HttpParseStatus.Malformed;
        }

        var hosts = 0;
        var close = false;
        var keepAlive = false;
        long contentLength = -1;
        var transferEncoding = false;
        var fieldsStart = position;
        var lineEndCrs = 0;
        while (true)
        {
            // A field line already read decides before the size or the rest does, as if each were checked in turn.
            if (position > maxHeadBytes)
            {
                return FieldsMalformed(input[fieldsStart..position], lineEndCrs) ? HttpParseStatus.Malformed : HttpParseStatus.TooLarge;
            }

            var start = position;
            if (!TryReadLine(input, ref position, out var line))
            {
                return FieldsMalformed(input[fieldsStart..start], lineEndCrs) ? HttpParseStatus.Malformed : Undecided(input, maxHeadBytes);
            }

            if (position - start - 1 != line.Length)
            {
                lineEndCrs++;
            }

            if (line.IsEmpty)
            {
                break;
            }

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                return HttpParseStatus.Malformed; // obs-fold
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                return HttpParseStatus.Malformed;
            }

            var name = line[..colon];
            switch (FieldOf(name))
            {
                case Field.Host:
                    hosts++;
                    break;
                case Field.Connection:
                    ReadConnectionOptions(TrimWhitespace(line[(colon + 1)..]), ref close, ref keepAlive);
                    break;
                case Field.ContentLength:
                    if (!TryParseLength(TrimWhitespace(line[(colon + 1)..]), out var length) || (contentLength >= 0 && length != contentLength))
                    {
                        return HttpParseStatus.Malformed;
                    }

                    contentLength = length;
                    break;
                case Field.TransferEncoding:
                    transferEncoding = true;
                    break;
                default:
                    if (name.IndexOfAnyExcept(TokenCharacters) >= 0)
                    {
                        return HttpParseStatus.Malformed; // The names above are tokens: only another name needs the check.
                    }

                    break;
            }
        }

        if (FieldsMalformed(input[fieldsStart..position], lineEndCrs))
        {
            return HttpParseStatus.Malformed;
        }

        if (position > maxHeadBytes)
        {
            return HttpParseStatus.TooLarge;
        }

        if (http11 ? hosts != 1 : hosts > 1)
        {
            return HttpParseStatus.Malformed;
        }

        head = new HttpRequestHead(position, lineStart + targetOffset, targetLength, method, plaintext, http11, close, keepAlive, Math.Max(0, contentLength), transferEncoding);
        return HttpParseStatus.Complete;
    }

    /// <summary>
    /// Whether whole field lines (each ending in LF) hold a byte no field may: a control character other than HTAB,
    /// DEL, or a CR anywhere but just before a line's LF (there are <paramref name="lineEndCrs"/> of those). One
    /// vectorized pass over the block instead of one per value: per-value searches were most of the parse's cost.
    /// </summary>
    private static bool FieldsMalformed(ReadOnlySpan<byte> lines, int lineEndCrs) =>
        lines.IndexOfAny(InvalidFieldBytes) >= 0 || lines.Count((byte)'\r') != lineEndCrs;

    /// <summary>The fields that decide the answer, told apart by length first: one comparison per line at most.</summary>
    private static Field FieldOf(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when Ascii.EqualsIgnoreCase(name, "Host"u8) => Field.Host,
        10 when Ascii.EqualsIgnoreCase(name, "Connection"u8) => Field.Connection,
        14 when Ascii.EqualsIgnoreCase(name, "Content-Length"u8) => Field.ContentLength,
        17 when Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8) => Field.TransferEncoding,
        _ => Field.Other,
    };

    /// <summary>Without the optional whitespace (SP, HTAB) around a field value; a loop, not Trim's search of a set per byte.</summary>
    private static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && value[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }

        while (end > start && value[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }

        return value[start..end];
    }

    private static HttpParseStatus Undecided(ReadOnlySpan<byte> input, int maxHeadBytes) =>
        input.Length > maxHeadBytes ? HttpParseStatus.TooLarge : HttpParseStatus.Incomplete;

    /// <summary>
    /// Reads up to the next LF; the line excludes the LF and one CR before it. Any other CR stays in the line,
    /// where the token and value checks reject it.
    /// </summary>
    private static bool TryReadLine(ReadOnlySpan<byte> input, ref int position, out ReadOnlySpan<byte> line)
    {
        var rest = input[position..];
        var newline = rest.IndexOf((byte)'\n');
        if (newline < 0)
        {
            line = default;
            return false;
        }

        line = newline > 0 && rest[newline - 1] == '\r' ? rest[..(newline - 1)] : rest[..newline];
        position += newline + 1;
        return true;
    }

    private static bool TryParseRequestLine(
        ReadOnlySpan<byte> line,
        out HttpMethodKind method,
        out bool plaintext,
        out bool http11,
        out int targetOffset,
        out int targetLength)
    {
        method = HttpMethodKind.Other;
        plaintext = false;
        http11 = false;
        targetOffset = 0;
        targetLength = 0;
        var firstSpace = line.IndexOf((byte)' ');
        if (firstSpace <= 0)
        {
            return false;
        }

        var methodName = line[..firstSpace];
        var rest = line[(firstSpace + 1)..];
        var secondSpace = rest.IndexOf((byte)' ');
        if (secondSpace <= 0)
        {
            return false;
        }

        var target = rest[..secondSpace];
        targetOffset = firstSpace + 1;
        targetLength = secondSpace;
        var version = rest[(secondSpace + 1)..];
        if (target.IndexOfAny(InvalidTargetBytes) >= 0)
        {
            return false;
        }

        if (version.SequenceEqual("HTTP/1.1"u8))
        {
            http11 = true;
        }
        else if (!version.SequenceEqual("HTTP/1.0"u8))
        {
            return false;
        }

        method = methodName.SequenceEqual("GET"u8) ? HttpMethodKind.Get
            : methodName.SequenceEqual("HEAD"u8) ? HttpMethodKind.Head
            : HttpMethodKind.Other;
        if (method == HttpMethodKind.Other && methodName.IndexOfAnyExcept(TokenCharacters) >= 0)
        {
            return false; // GET and HEAD are tokens: only another method needs the check.
        }

        // The query string does not choose the resource.
        var query = target.IndexOf((byte)'?');
        var path = query >= 0 ? target[..query] : target;
        plaintext = path.SequenceEqual("/"u8) || path.SequenceEqual("/plaintext"u8);
        return true;
    }

    private static void ReadConnectionOptions(ReadOnlySpan<byte> value, ref bool close, ref bool keepAlive)
    {
        while (!value.IsEmpty)
        {
            var comma = value.IndexOf((byte)',');
            var option = TrimWhitespace(comma >= 0 ? value[..comma] : value);
            value = comma >= 0 ? value[(comma + 1)..] : default;
            if (Ascii.EqualsIgnoreCase(option, "close"u8))
            {
                close = true;
            }
            else if (Ascii.EqualsIgnoreCase(option, "keep-alive"u8))
            {
                keepAlive = true;
            }
        }
    }

    private static bool TryParseLength(ReadOnlySpan<byte> value, out long length)
    {
        length = 0;
        if (value.IsEmpty || value.Length > 18)
        {
            return false;
        }

        foreach (var digit in value)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            length = (length * 10) + (digit - '0');
        }

        return true;
    }

    private enum Field
    {
        Other,
        Host,
        Connection,
        ContentLength,
        TransferEncoding,
    }
}
