using System.Globalization;
using AsyncIoTools.Processes;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Inputs;
using AsyncIoTools.Reports.Model;
using AsyncIoTools.Text;
using AsyncIoTools.Results;

namespace AsyncIoTools.Reports.Sections;

/// <summary>
/// The machines the results come from, first: one column per distinct environment, and a warning when there is
/// more than one machine, since figures from different machines do not compare.
/// </summary>
internal static class EnvironmentSection
{
    public static void Write(ReportModel model, MarkdownDocument document)
    {
        if (model.Sources.Count == 0)
        {
            return;
        }

        document.Heading(2, "Environment");
        var environments = model.Sources
            .GroupBy(s => Key(s.Result.Environment), StringComparer.Ordinal)
            .Select(g => g.ToList())
            .ToList();
        var machines = model.Sources.Select(s => MachineIdentity.Of(s.Result.Environment)).Distinct().ToList();
        if (machines.Count > 1)
        {
            document.Warning(
                $"These results come from {machines.Count} different machines ({MarkdownText.Inline(string.Join("; ", machines.Select(m => m.Describe())))}). " +
                "Figures measured on different machines are not comparable: compare rows of one machine only.");
        }
        else if (environments.Count > 1)
        {
            document.Warning($"These results come from one machine in {environments.Count} configurations (.NET, tool version, limits or sysctls differ): see the columns below.");
        }

        var headers = new List<string> { " " };
        headers.AddRange(environments.Count == 1 ? ["This machine"] : environments.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"Environment {i + 1}")));
        var table = new MarkdownTable(headers, [.. headers.Select(_ => ColumnAlignment.Left)]);
        AddRow(table, "Host", environments, e => e.Hostname);
        AddRow(table, "CPU", environments, e => string.Create(CultureInfo.InvariantCulture, $"{e.CpuModel}, {e.LogicalCpus} logical CPUs{(e.VirtualMachine ? " (virtual machine)" : string.Empty)}"));
        AddRow(table, "Memory", environments, e => Units.Bytes(e.MemoryBytes));
        AddRow(table, "OS", environments, e => e.Os);
        AddRow(table, "Kernel", environments, e => "Linux " + e.Kernel);
        AddRow(table, ".NET", environments, e => e.Dotnet);
        AddRow(table, "aiotools", environments, e => e.ToolVersion);
        AddRow(table, "Open files (soft / hard)", environments, e => $"{Limit(e.OpenFilesSoft)} / {Limit(e.OpenFilesHard)}");
        table.Add([.. environments.Select(g => string.Join("; ", g.Select(s => Pinning(s.Result.Pinning)).Distinct(StringComparer.Ordinal).Select(MarkdownText.Inline))).Prepend("Pinning")]);
        table.Add([.. environments.Select(g => string.Join(", ", g.Select(s => MarkdownText.Code(s.Origin, inTable: true)))).Prepend("Results")]);
        document.Table(table);

        var sysctls = environments.SelectMany(g => g[0].Result.Environment.Sysctls.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (sysctls.Count > 0)
        {
            document.BeginDetails("Sysctls");
            var sysctlTable = new MarkdownTable(headers.Skip(1).Prepend("sysctl").ToList(), [.. headers.Select(_ => ColumnAlignment.Left)]);
            foreach (var name in sysctls)
            {
                sysctlTable.Add([.. environments.Select(g => MarkdownText.Inline(g[0].Result.Environment.Sysctls.GetValueOrDefault(name, "–"))).Prepend(MarkdownText.Code(name, inTable: true))]);
            }

            document.Table(sysctlTable);
            document.EndDetails();
        }
    }

    private static void AddRow(MarkdownTable table, string label, List<List<ReportSource>> environments, Func<HostEnvironment, string> value) =>
        table.Add([.. environments.Select(g => MarkdownText.Inline(value(g[0].Result.Environment))).Prepend(label)]);

    private static string Limit(long value) => value == long.MaxValue ? "unlimited" : value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Pinning(PinningPlan plan) => plan.Pinned
        ? string.Create(CultureInfo.InvariantCulture, $"server on CPU {CpuLists.Format(plan.ServerCpus)} ({plan.ServerLoops} loop(s)), load generator on CPU {CpuLists.Format(plan.LoadCpus)} ({plan.LoadThreads} thread(s))")
        : string.Create(CultureInfo.InvariantCulture, $"not pinned: server and load generator share CPU {CpuLists.Format(plan.ServerCpus)}");

    private static string Key(HostEnvironment e) => string.Join(
        "\n",
        MachineIdentity.Of(e).ToString(),
        e.Os,
        e.Dotnet,
        e.ToolVersion,
        e.OpenFilesSoft.ToString(CultureInfo.InvariantCulture),
        e.OpenFilesHard.ToString(CultureInfo.InvariantCulture),
        string.Join(";", e.Sysctls.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)));
}
