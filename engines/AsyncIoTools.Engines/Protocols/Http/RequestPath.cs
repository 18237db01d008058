namespace AsyncIoTools.Engines.Protocols.Http;

/// <summary>
/// Turns a request target into a path relative to a served folder, or refuses it: the query is dropped,
/// percent-escapes are decoded (%2e%2e is ".."), and empty, "." and ".." segments, a leading "//" and NUL are
/// refused. What passes still meets the kernel's RESOLVE_BENEATH when it is opened.
/// </summary>
public static class RequestPath
{
    public const int MaxLength = 4096;

    /// <summary>Writes the relative path into <paramref name="destination"/>; -1 if the target is refused.</summary>
    public static int TryNormalize(ReadOnlySpan<byte> target, Span<byte> destination)
    {
        var query = target.IndexOf((byte)'?');
        if (query >= 0)
        {
            target = target[..query];
        }

        if (target.Length < 2 || target[0] != '/' || target[1] == '/' || target.Length > destination.Length + 1)
        {
            return -1;
        }

        var length = 0;
        for (var i = 1; i < target.Length; i++)
        {
            var b = target[i];
            if (b == '%')
            {
                if (i + 2 >= target.Length || !TryHex(target[i + 1], out var high) || !TryHex(target[i + 2], out var low))
                {
                    return -1;
                }

                b = (byte)((high << 4) | low);
                i += 2;
            }

            if (b == 0)
            {
                return -1;
            }

            destination[length++] = b;
        }

        return SegmentsAreSafe(destination[..length]) ? length : -1;
    }

    private static bool SegmentsAreSafe(ReadOnlySpan<byte> path)
    {
        foreach (var range in path.Split((byte)'/'))
        {
            var segment = path[range];
            if (segment.IsEmpty || segment.SequenceEqual("."u8) || segment.SequenceEqual(".."u8))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryHex(byte digit, out int value)
    {
        value = digit switch
        {
            >= (byte)'0' and <= (byte)'9' => digit - '0',
            >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
