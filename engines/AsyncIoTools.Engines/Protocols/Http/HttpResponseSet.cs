using System.Globalization;
using System.Text;

namespace AsyncIoTools.Engines.Protocols.Http;

/// <summary>
/// Every response the plaintext server sends, fully encoded for one value of the Date header. A new set is
/// made each second and swapped in whole, so a loop never sees half of an update and never formats a date.
/// </summary>
public sealed class HttpResponseSet
{
    public const string Body = "Hello, World!";

    private static readonly HttpStatus[] Statuses = Enum.GetValues<HttpStatus>();

    private readonly byte[][] _responses;

    private HttpResponseSet(DateTimeOffset now)
    {
        Date = now.ToString("r", CultureInfo.InvariantCulture);
        _responses = new byte[Statuses.Length * 3 * 2][];
        for (var s = 0; s < Statuses.Length; s++)
        {
            foreach (var connection in Enum.GetValues<HttpConnectionHeader>())
            {
                _responses[IndexOf(s, connection, headOnly: false)] = Encode(Statuses[s], connection, includeBody: true);
                _responses[IndexOf(s, connection, headOnly: true)] = Encode(Statuses[s], connection, includeBody: false);
            }
        }
    }

    public string Date { get; }

    public static HttpResponseSet Create(DateTimeOffset now) => new(now);

    public ReadOnlySpan<byte> Get(HttpStatus status, HttpConnectionHeader connection, bool headOnly) =>
        _responses[IndexOf(Array.IndexOf(Statuses, status), connection, headOnly)];

    private static int IndexOf(int status, HttpConnectionHeader connection, bool headOnly) =>
        (((status * 3) + (int)connection) * 2) + (headOnly ? 1 : 0);

    private byte[] Encode(HttpStatus status, HttpConnectionHeader connection, bool includeBody)
    {
        var body = status == HttpStatus.Ok ? Body : string.Empty;
        var text = new StringBuilder(160)
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {(int)status} {ReasonOf(status)}\r\n")
            .Append("Server: aiotools\r\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {Date}\r\n");
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
