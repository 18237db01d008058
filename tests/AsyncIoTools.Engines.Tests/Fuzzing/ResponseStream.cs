using System.Buffers.Text;

namespace AsyncIoTools.Engines.Tests.Fuzzing;

/// <summary>
/// Checks that what a server wrote is a run of whole responses and nothing else: each a status line with a status
/// the plaintext server answers, headers, an empty line, then the body its Content-Length gives (or none, for an
/// answer to HEAD). Half a response means the machine stopped mid-answer.
/// </summary>
internal static class ResponseStream
{
    private static readonly byte[] StatusLine = "HTTP/1.1 "u8.ToArray();
    private static readonly byte[] LengthHeader = "\r\nContent-Length: "u8.ToArray();
    private static readonly int[] Statuses = [200, 400, 404, 405, 413, 431, 501];

    /// <summary>Null if <paramref name="output"/> is whole responses; else what is wrong, and where.</summary>
    public static string? FindProblem(ReadOnlySpan<byte> output)
    {
        var position = 0;
        while (position < output.Length)
        {
            var rest = output[position..];
            if (!rest.StartsWith(StatusLine) || rest.Length < 12 || !Utf8Parser.TryParse(rest.Slice(9, 3), out int status, out _) || !Statuses.Contains(status))
            {
                return $"no status line at byte {position}";
            }

            var headEnd = rest.IndexOf("\r\n\r\n"u8);
            if (headEnd < 0)
            {
                return $"a response head cut short at byte {position}";
            }

            var head = rest[..(headEnd + 2)];
            var lengthAt = head.IndexOf(LengthHeader);
            if (lengthAt < 0 || !Utf8Parser.TryParse(head[(lengthAt + LengthHeader.Length)..], out int length, out _))
            {
                return $"a response without Content-Length at byte {position}";
            }

            position += headEnd + 4;
            var body = output[position..];
            // An answer to HEAD has the length but no body; a body is there when what follows is not the next answer.
            if (length > 0 && !body.IsEmpty && !body.StartsWith(StatusLine))
            {
                if (body.Length < length)
                {
                    return $"a body cut short at byte {position} ({body.Length} of {length})";
                }

                position += length;
            }
        }

        return null;
    }
}
