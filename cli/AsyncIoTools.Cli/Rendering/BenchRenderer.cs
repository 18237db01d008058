using System.Globalization;
using System.Text;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Text;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Cli.Rendering;

/// <summary>The terminal view of a <see cref="BenchmarkResult"/>: environment first, then one row per run.</summary>
internal static class BenchRenderer
{
    public static string Render(BenchmarkResult result, string? path)
    {
        var env = result.Environment;
        var s = result.Scenario;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{env.CpuModel}, {env.LogicalCpus} CPUs{(env.VirtualMachine ? " (VM)" : string.Empty)}, Linux {env.Kernel}, {env.Dotnet}");
        text.AppendLine(CultureInfo.InvariantCulture, $"server CPUs {CpuLists.Format(result.Pinning.ServerCpus)} ({result.Pinning.ServerLoops} loop(s)), load CPUs {CpuLists.Format(result.Pinning.LoadCpus)}{(result.Pinning.Pinned ? string.Empty : " (not pinned)")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"scenario {s.Name}: {s.Protocol.ToString().ToLowerInvariant()}, {s.Connections} connections ({s.EffectiveActive} active), {s.Trials} × {s.DurationSeconds:0.##} s after {s.WarmupSeconds:0.##} s warm-up");
        text.AppendLine();

        var bytes = s.Protocol != Workloads.ProtocolKind.Http;
        var headers = new List<string> { "RUN", "CONN", "REQ/S", "P50", "P99", "CPU/REQ", "SYSCALLS/REQ", "RSS/CONN", "SEG/REQ" };
        if (bytes)
        {
            headers.AddRange(["MIB/S", "CPU/MIB"]);
        }

        headers.Add("ERRORS");
        var table = new TextTable([.. headers]).AlignRight([.. headers.Skip(1)]).Ruled();
        foreach (var run in result.Runs)
        {
            var name = run.Variant is null ? run.Engine : $"{run.Engine}:{run.Variant}";
            name += run.Case == ScenarioCase.Default.Name ? string.Empty : $" [{run.Case}]";
            name += run.SweepParameter is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" {run.SweepParameter}={run.SweepValue}");
            if (run.Summary is not { } p)
            {
                table.Add([name, Units.Count(run.Connections), run.Status.ToString().ToLowerInvariant(), .. Enumerable.Repeat(string.Empty, headers.Count - 3)]);
                continue;
            }

            var cells = new List<string>
            {
                name,
                Units.Count(p.Connections),
                Units.Count((long)p.RequestsPerSecond),
                Units.Micros(p.P50Micros),
                Units.Micros(p.P99Micros),
                p.CpuMicrosPerRequest is { } cpu ? Units.Micros(cpu) : "n/a",
                p.SyscallsPerRequest is { } calls ? calls.ToString("0.00", CultureInfo.InvariantCulture) : "n/a",
                p.RssBytesPerConnection is { } rss ? Units.Bytes(rss) : "n/a",
                p.SegmentsPerRequest is { } segments ? segments.ToString("0.00", CultureInfo.InvariantCulture) : "n/a",
            };
            if (bytes)
            {
                cells.Add(p.MebibytesPerSecond is { } mib ? Units.Significant(mib) : "n/a");
                cells.Add(p.CpuMicrosPerMebibyte is { } perMib ? Units.Micros(perMib) : "n/a");
            }

            cells.Add(Units.Count(p.Errors));
            table.Add([.. cells]);
        }

        text.Append(table);
        foreach (var run in result.Runs.Where(r => r.Status != RunStatus.Completed).DistinctBy(r => (r.Engine, r.Reason)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{run.Engine}: {run.Status.ToString().ToLowerInvariant()}: {run.Reason}");
        }

        foreach (var warning in result.Warnings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"warning: {warning}");
        }

        if (path is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"result: {path}");
        }

        return text.ToString();
    }
}
