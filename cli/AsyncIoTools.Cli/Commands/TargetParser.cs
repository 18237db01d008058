using System.Globalization;
using System.Net;
using System.CommandLine.Parsing;

namespace AsyncIoTools.Cli.Commands;

/// <summary>Reads a target given as ADDR:PORT, [v6]:PORT or http://ADDR:PORT/path.</summary>
internal static class TargetParser
{
    public static (IPEndPoint EndPoint, string? Path) Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (TryParse(text, out var endPoint, out var path))
        {
            return (endPoint, path);
        }

        result.AddError($"'{text}' is not a target; use ADDR:PORT (127.0.0.1:8080) or http://ADDR:PORT/path with a literal IP address");
        return (new IPEndPoint(IPAddress.None, 0), null);
    }

    public static bool TryParse(string text, out IPEndPoint endPoint, out string? path)
    {
        endPoint = new IPEndPoint(IPAddress.None, 0);
        path = null;
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
