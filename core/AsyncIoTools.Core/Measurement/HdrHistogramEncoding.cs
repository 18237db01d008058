using System.Buffers.Binary;
using System.IO.Compression;

namespace AsyncIoTools.Measurement;

/// <summary>
/// HdrHistogram's V2 compressed encoding of a <see cref="LatencyHistogram"/>, the form interval logs (.hlog) carry
/// in base64. Our buckets are HdrHistogram's own for 2 significant digits and a lowest discernible value of 1
/// (256 sub-buckets, the upper 128 of them per power of two), so bucket i is counts-array index i and the encoding
/// is exact: a reader rebuilds the same counts. Written by hand because HdrHistogram.NET 2.5.0 does not run on
/// modern .NET (docs/DECISIONS.md); the layout follows the Java reference:
/// <code>
/// compressed: int32 cookie 0x1c849314, int32 length, zlib(deflate) of the uncompressed form
/// uncompressed: int32 cookie 0x1c849313, int32 payload length, int32 normalizing offset (0), int32 significant digits,
///               int64 lowest discernible, int64 highest trackable, float64 integer-to-double ratio, payload
/// payload: counts[0..=index of max] as ZigZag LEB128 longs (at most 9 bytes), a run of zeros as its negated length
/// </code>
/// All integers are big-endian.
/// </summary>
public static class HdrHistogramEncoding
{
    public const int EncodingCookie = 0x1c849303 | 0x10;
    public const int CompressedEncodingCookie = 0x1c849304 | 0x10;

    /// <summary>What our bucket layout is in HdrHistogram's terms.</summary>
    public const int SignificantValueDigits = 2;

    public const long LowestDiscernibleValue = 1;

    private const int HeaderSize = 40;

    /// <summary>The histogram in V2 compressed form.</summary>
    public static byte[] EncodeCompressed(LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var plain = Encode(histogram);
        using var compressed = new MemoryStream();
        Span<byte> header = stackalloc byte[8];
        compressed.Write(header);
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(plain);
        }

        var bytes = compressed.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(bytes, CompressedEncodingCookie);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), bytes.Length - 8);
        return bytes;
    }

    public static string EncodeCompressedBase64(LatencyHistogram histogram) => Convert.ToBase64String(EncodeCompressed(histogram));

    /// <summary>The histogram in V2 uncompressed form.</summary>
    public static byte[] Encode(LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var buckets = histogram.NonEmptyBuckets();
        var buffer = new byte[HeaderSize + (buckets.Count * 2 * 9)];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, EncodingCookie);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], SignificantValueDigits);
        BinaryPrimitives.WriteInt64BigEndian(span[16..], LowestDiscernibleValue);
        BinaryPrimitives.WriteInt64BigEndian(span[24..], LatencyHistogram.MaxTrackableValue);
        BinaryPrimitives.WriteDoubleBigEndian(span[32..], 1.0);
        var position = HeaderSize;
        var next = 0;
        foreach (var bucket in buckets)
        {
            var zeros = bucket.Index - next;
            if (zeros == 1)
            {
                position += PutZigZag(span[position..], 0);
            }
            else if (zeros > 1)
            {
                position += PutZigZag(span[position..], -zeros);
            }

            position += PutZigZag(span[position..], bucket.Count);
            next = bucket.Index + 1;
        }

        BinaryPrimitives.WriteInt32BigEndian(span[4..], position - HeaderSize);
        return buffer[..position];
    }

    /// <summary>Reads a V2 compressed histogram (ours or any writer's with the same bucket layout).</summary>
    public static LatencyHistogram DecodeCompressed(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8 || BinaryPrimitives.ReadInt32BigEndian(bytes) != CompressedEncodingCookie)
        {
            throw new FormatException("not an HdrHistogram V2 compressed histogram (cookie)");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(bytes[4..]);
        if (length < 0 || length > bytes.Length - 8)
        {
            throw new FormatException("truncated HdrHistogram V2 compressed histogram");
        }

        using var input = new MemoryStream(bytes.Slice(8, length).ToArray());
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var plain = new MemoryStream();
        zlib.CopyTo(plain);
        return Decode(plain.ToArray());
    }

    public static LatencyHistogram DecodeCompressedBase64(string text) => DecodeCompressed(Convert.FromBase64String(text));

    /// <summary>Reads a V2 uncompressed histogram whose bucket layout is ours (2 digits, lowest 1).</summary>
    public static LatencyHistogram Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize || BinaryPrimitives.ReadInt32BigEndian(bytes) != EncodingCookie)
        {
            throw new FormatException("not an HdrHistogram V2 histogram (cookie)");
        }

        var payload = BinaryPrimitives.ReadInt32BigEndian(bytes[4..]);
        var digits = BinaryPrimitives.ReadInt32BigEndian(bytes[12..]);
        var lowest = BinaryPrimitives.ReadInt64BigEndian(bytes[16..]);
        if (digits != SignificantValueDigits || lowest != LowestDiscernibleValue || BinaryPrimitives.ReadInt32BigEndian(bytes[8..]) != 0)
        {
            throw new FormatException($"an HdrHistogram of {digits} digits from {lowest} (offset {BinaryPrimitives.ReadInt32BigEndian(bytes[8..])}); only 2 digits from 1 map onto our buckets");
        }

        if (payload < 0 || payload > bytes.Length - HeaderSize)
        {
            throw new FormatException("truncated HdrHistogram V2 payload");
        }

        var buckets = new List<HistogramBucket>();
        var data = bytes.Slice(HeaderSize, payload);
        var index = 0;
        while (!data.IsEmpty)
        {
            var value = GetZigZag(ref data);
            if (value < 0)
            {
                index += checked((int)-value);
            }
            else
            {
                if (value > 0)
                {
                    buckets.Add(new HistogramBucket(index, value));
                }

                index++;
            }
        }

        return LatencyHistogram.FromBuckets(buckets);
    }

    /// <summary>ZigZag, then LEB128 with at most 9 bytes (the ninth carries 8 bits), as HdrHistogram's ZigZagEncoding.</summary>
    public static int PutZigZag(Span<byte> destination, long value)
    {
        var v = (ulong)((value << 1) ^ (value >> 63));
        for (var i = 0; i < 8; i++)
        {
            if (v >> 7 == 0)
            {
                destination[i] = (byte)v;
                return i + 1;
            }

            destination[i] = (byte)((v & 0x7F) | 0x80);
            v >>= 7;
        }

        destination[8] = (byte)v;
        return 9;
    }

    public static long GetZigZag(ref ReadOnlySpan<byte> source)
    {
        ulong v = 0;
        var i = 0;
        for (; i < 8; i++)
        {
            if (source.Length <= i)
            {
                throw new FormatException("truncated ZigZag value in an HdrHistogram payload");
            }

            var b = source[i];
            v |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                source = source[(i + 1)..];
                return (long)(v >> 1) ^ -(long)(v & 1);
            }
        }

        if (source.Length < 9)
        {
            throw new FormatException("truncated ZigZag value in an HdrHistogram payload");
        }

        v |= (ulong)source[8] << 56;
        source = source[9..];
        return (long)(v >> 1) ^ -(long)(v & 1);
    }
}
