using System.Globalization;
using System.Text;

namespace AsyncIoTools.Engines.Protocols.Http;

/// <summary>
/// Every response the plaintext server sends, fully encoded for one value of the Date header. The clock restamps
/// a spare set each second and swaps it in whole, so a loop never sees half of an update and never formats a date.
/// Restamped in place rather than made anew: building the 42 responses allocated about 38 KB a second, which with
/// no other garbage filled gen0 for minutes and read as RSS growing under a steady load.
/// </summary>
public sealed class HttpResponseSet
{
    public const string Body = "Hello, World!";

    private static readonly HttpStatus[] Statuses = Enum.GetValues<HttpStatus>();

    /// <summary>An RFC 1123 date ("r") is always this long: "Sun, 06 Nov 1994 08:49:37 GMT".</summary>
    private const int DateLength = 29;

    private readonly byte[][] _responses;
    private readonly int[] _dateOffsets;

    private HttpResponseSet(DateTimeOffset now)
    {
        var date = now.ToString("r", CultureInfo.InvariantCulture);
        _responses = new byte[Statuses.Length * 3 * 2][];
        _dateOffsets = new int[_responses.Length];
        for (var s = 0; s < Statuses.Length; s++)
        {
            foreach (var connection in Enum.GetValues<HttpConnectionHeader>())
            {
                Add(IndexOf(s, connection, headOnly: false), Encode(Statuses[s], connection, date, includeBody: true));
                Add(IndexOf(s, connection, headOnly: true), Encode(Statuses[s], connection, date, includeBody: false));
            }
        }
    }

    /// <summary>The Date header's value (made on each call: for tests and messages, not the hot path).</summary>
    public string Date => Encoding.ASCII.GetString(_responses[0], _dateOffsets[0], DateLength);

    public static HttpResponseSet Create(DateTimeOffset now) => new(now);

    /// <summary>
    /// Writes <paramref name="now"/> into every response in place, allocating nothing. Only for a set no loop reads:
    /// the clock stamps a spare set, then publishes it.
    /// </summary>
    public void Stamp(DateTimeOffset now)
    {
        Span<byte> date = stackalloc byte[DateLength];
        if (!now.TryFormat(date, out var written, "r", CultureInfo.InvariantCulture) || written != DateLength)
        {
            throw new InvalidOperationException($"an RFC 1123 date of {written} bytes");
        }

        for (var i = 0; i < _responses.Length; i++)
        {
            date.CopyTo(_responses[i].AsSpan(_dateOffsets[i], DateLength));
        }
    }

    public ReadOnlySpan<byte> Get(HttpStatus status, HttpConnectionHeader connection, bool headOnly) =>
        _responses[IndexOf(StatusIndex(status), connection, headOnly)];

    // The position of the status in Statuses (declaration order): a switch, not a search, on the hot path.
    private static int StatusIndex(HttpStatus status) => status switch
    {
        HttpStatus.Ok => 0,
        HttpStatus.BadRequest => 1,
        HttpStatus.NotFound => 2,
        HttpStatus.MethodNotAllowed => 3,
        HttpStatus.ContentTooLarge => 4,
        HttpStatus.RequestHeaderFieldsTooLarge => 5,
        HttpStatus.NotImplemented => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "a status the plaintext server does not answer with"),
    };

    private static int IndexOf(int status, HttpConnectionHeader connection, bool headOnly) =>
        (((status * 3) + (int)connection) * 2) + (headOnly ? 1 : 0);

    private void Add(int index, byte[] response)
    {
        _responses[index] = response;
        _dateOffsets[index] = response.AsSpan().IndexOf("Date: "u8) + "Date: "u8.Length;
    }

    private static byte[] Encode(HttpStatus status, HttpConnectionHeader connection, string date, bool includeBody)
    {
        var body = status == HttpStatus.Ok ? Body : string.Empty;
        var text = new StringBuilder(160)
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {(int)status} {ReasonOf(status)}\r\n")
            .Append("Server: aiotools\r\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {date}\r\n");
        if (status == HttpStatus.Ok)
        {
            text.Append("Content-Type: text/plain\r\n");
        }

        if (status == HttpStatus.MethodNotAllowed)
        {
            text.Append("Allow: GET, HEAD\r\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        text.Append(connection switch
        {
            HttpConnectionHeader.KeepAlive => "Connection: keep-alive\r\n",
            HttpConnectionHeader.Close => "Connection: close\r\n",
            _ => string.Empty,
        });
        text.Append("\r\n");
        if (includeBody)
        {
            text.Append(body);
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static string ReasonOf(HttpStatus status) => status switch
    {
        HttpStatus.Ok => "OK",
        HttpStatus.BadRequest => "Bad Request",
        HttpStatus.NotFound => "Not Found",
        HttpStatus.MethodNotAllowed => "Method Not Allowed",
        HttpStatus.ContentTooLarge => "Content Too Large",
        HttpStatus.RequestHeaderFieldsTooLarge => "Request Header Fields Too Large",
        HttpStatus.NotImplemented => "Not Implemented",
        _ => status.ToString(),
    };
}
