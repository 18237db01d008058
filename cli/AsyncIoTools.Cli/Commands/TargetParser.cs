using System.Net;
using System.CommandLine.Parsing;
using AsyncIoTools.Benchmarks.Load;

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

        result.AddError($"'{text}' is not a target; {LoadTarget.Expected}");
        return (new IPEndPoint(IPAddress.None, 0), null);
    }

    public static bool TryParse(string text, out IPEndPoint endPoint, out string? path) => LoadTarget.TryParse(text, out endPoint, out path);
}
