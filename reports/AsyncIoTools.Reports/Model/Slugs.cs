using System.Text;

namespace AsyncIoTools.Reports.Model;

/// <summary>File-name and anchor-safe forms of names: "c10k-idle", "io-uring-sqpoll".</summary>
public static class Slugs
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        return result.Length == 0 ? "x" : result.Length > 60 ? result[..60].TrimEnd('-') : result;
    }
}
