using System.Globalization;

namespace AsyncIoTools.Text;

/// <summary>CPU lists as taskset and /sys write them: "0", "0,2", "0-3", "0-1,4".</summary>
public static class CpuLists
{
    public static bool TryParse(string? text, out IReadOnlyList<int> cpus)
    {
        var list = new SortedSet<int>();
        cpus = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var single))
                {
                    return false;
                }

                list.Add(single);
                continue;
            }

            if (!int.TryParse(part[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(part[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || last < first || last - first > 4096)
            {
                return false;
            }

            for (var cpu = first; cpu <= last; cpu++)
            {
                list.Add(cpu);
            }
        }

        cpus = list.ToArray();
        return true;
    }

    public static string Format(IEnumerable<int> cpus) => string.Join(',', cpus);
}
