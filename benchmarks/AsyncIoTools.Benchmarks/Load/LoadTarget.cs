using System.Globalization;
using System.Net;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>A server to load as people write it: ADDR:PORT, [v6]:PORT or http://ADDR:PORT/path (literal IP addresses).</summary>
public static class LoadTarget
{
    public const string Expected = "use ADDR:PORT (127.0.0.1:8080) or http://ADDR:PORT/path with a literal IP address";

    public static bool TryParse(string? text, out IPEndPoint endPoint, out string? path)
    {
        endPoint = new IPEndPoint(IPAddress.None, 0);
        path = null;
        text ??= string.Empty;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp)
        {
            if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
            {
                return false;
            }

            endPoint = new IPEndPoint(address, uri.Port);
            path = uri.PathAndQuery;
            return true;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0
            || !IPAddress.TryParse(text[..colon].Trim('[', ']'), out var ip)
            || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        endPoint = new IPEndPoint(ip, port);
        return true;
    }
}
