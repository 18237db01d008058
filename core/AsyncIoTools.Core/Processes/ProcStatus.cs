using System.Globalization;

namespace AsyncIoTools.Processes;

/// <summary>The "Key:\tvalue" lines of /proc/PID/status, read by key.</summary>
internal sealed class ProcStatus
{
    private readonly Dictionary<string, string> _values;

    private ProcStatus(Dictionary<string, string> values) => _values = values;

    public static ProcStatus Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                values[line[..colon]] = line[(colon + 1)..].Trim();
            }
        }

        return new ProcStatus(values);
    }

    public long Number(string key) =>
        _values.TryGetValue(key, out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : 0;

    /// <summary>A "1234 kB" value; 0 when absent (kernel threads and zombies have no memory lines).</summary>
    public long Kibibytes(string key) =>
        _values.TryGetValue(key, out var value)
            ? long.Parse(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture)
            : 0;
}
