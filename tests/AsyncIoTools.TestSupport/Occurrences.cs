using System.Text;

namespace AsyncIoTools.Tests.Support;

/// <summary>Counting a marker in what a server sent (responses in a stream, answers in a buffer).</summary>
public static class Occurrences
{
    /// <summary>How many times <paramref name="part"/> occurs in <paramref name="text"/>, without overlaps.</summary>
    public static int Count(string text, string part)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(part);
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>The same over bytes read as ASCII, as HTTP/1.1 heads are.</summary>
    public static int Count(byte[] bytes, string part) => Count(Encoding.ASCII.GetString(bytes), part);
}
