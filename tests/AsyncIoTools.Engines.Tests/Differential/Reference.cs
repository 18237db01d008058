using System.Text;
using System.Text.RegularExpressions;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Tests.Connections;

namespace AsyncIoTools.Engines.Tests.Differential;

/// <summary>
/// What a server must send for a request stream the peer sends whole and then half-closes: the connection machine's
/// own answer, fed in one piece. The Date header, the one part that varies with the second, is blanked on both sides.
/// </summary>
internal static partial class Reference
{
    public static byte[] AnswerTo(ReadOnlySpan<byte> request, ServerLimits? limits = null)
    {
        using var harness = new MachineHarness(limits);
        if (!request.IsEmpty)
        {
            harness.Feed(request);
        }

        return Normalize(harness.Sent);
    }

    /// <summary>The bytes with every Date header's value blanked.</summary>
    public static byte[] Normalize(byte[] response) =>
        Encoding.Latin1.GetBytes(DateHeader().Replace(Encoding.Latin1.GetString(response), "Date: -"));

    /// <summary>A short, printable view of bytes for a failure message.</summary>
    public static string Show(ReadOnlySpan<byte> bytes, int max = 300)
    {
        var text = Encoding.Latin1.GetString(bytes.Length > max ? bytes[..max] : bytes);
        return text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            + (bytes.Length > max ? $"…(+{bytes.Length - max})" : string.Empty);
    }

    [GeneratedRegex("Date: [^\r\n]*")]
    private static partial Regex DateHeader();
}
