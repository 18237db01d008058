using AsyncIoTools.Engines.Tests.Differential;

namespace AsyncIoTools.Engines.Tests.Fuzzing;

/// <summary>
/// Makes request heads that are almost right: a request of the corpus with one to four mutations — a bit flipped,
/// a byte replaced or inserted (CR, LF, space, colon, tab, NUL, DEL, 0xFF, digits), a range deleted, a line
/// repeated, a piece of another request spliced in, the end cut off, a Content-Length rewritten. Deterministic for
/// a seed, so a finding can be replayed.
/// </summary>
internal sealed class HeadMutator(int seed)
{
    private static readonly byte[] Interesting = [(byte)'\r', (byte)'\n', (byte)' ', (byte)':', (byte)'\t', 0, 0x7F, 0xFF, (byte)'0', (byte)'9', (byte)'a', (byte)'%', (byte)','];
    private static readonly byte[][] Seeds = [.. RequestCorpus.All.Select(r => r.Bytes), RequestCorpus.Pipelined[..200]];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    public byte[] Next()
    {
        var bytes = new List<byte>(Seeds[_random.Next(Seeds.Length)]);
        var mutations = 1 + _random.Next(4);
        for (var i = 0; i < mutations; i++)
        {
            Mutate(bytes);
        }

        return [.. bytes];
    }

    private void Mutate(List<byte> bytes)
    {
        var at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
        switch (_random.Next(8))
        {
            case 0 when bytes.Count > 0:
                bytes[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when bytes.Count > 0:
                bytes[at] = Interesting[_random.Next(Interesting.Length)];
                break;
            case 2:
                bytes.Insert(at, Interesting[_random.Next(Interesting.Length)]);
                break;
            case 3 when bytes.Count > 0:
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + _random.Next(8)));
                break;
            case 4:
                RepeatLine(bytes, at);
                break;
            case 5:
                var other = Seeds[_random.Next(Seeds.Length)];
                var from = _random.Next(other.Length);
                bytes.InsertRange(at, other.Skip(from).Take(1 + _random.Next(24)));
                break;
            case 6 when bytes.Count > 1:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            default:
                RewriteLength(bytes);
                break;
        }
    }

    private static void RepeatLine(List<byte> bytes, int at)
    {
        if (bytes.Count == 0)
        {
            return;
        }

        var start = bytes.LastIndexOf((byte)'\n', Math.Max(0, at - 1)) + 1;
        var end = bytes.IndexOf((byte)'\n', at);
        if (end > start)
        {
            bytes.InsertRange(end + 1, bytes.GetRange(start, end - start + 1));
        }
    }

    private void RewriteLength(List<byte> bytes)
    {
        var text = System.Text.Encoding.Latin1.GetString([.. bytes]);
        var at = text.IndexOf("Content-Length: ", StringComparison.OrdinalIgnoreCase);
        var digits = _random.Next(4) switch
        {
            0 => "0",
            1 => _random.Next(1, 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
            2 => "30000001",
            _ => new string('9', 1 + _random.Next(22)),
        };
        var line = "Content-Length: " + digits + "\r\n";
        if (at < 0)
        {
            var headEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
            bytes.InsertRange(headEnd < 0 ? bytes.Count : headEnd + 2, System.Text.Encoding.Latin1.GetBytes(line));
            return;
        }

        var lineEnd = text.IndexOf('\n', at);
        bytes.RemoveRange(at, (lineEnd < 0 ? bytes.Count : lineEnd + 1) - at);
        bytes.InsertRange(at, System.Text.Encoding.Latin1.GetBytes(line));
    }
}
