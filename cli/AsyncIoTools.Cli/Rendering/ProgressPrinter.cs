using AsyncIoTools.Benchmarks.Runner;

namespace AsyncIoTools.Cli.Rendering;

/// <summary>Benchmark progress on stderr: rewritten in place on a terminal, one line per step in a log.</summary>
internal sealed class ProgressPrinter(TextWriter writer) : IProgress<BenchmarkProgress>
{
    private readonly bool _terminal = !Console.IsErrorRedirected;

    public void Report(BenchmarkProgress value)
    {
        var line = value.Phase switch
        {
            BenchmarkPhase.StartingServer => $"{value.Engine}: starting the server",
            BenchmarkPhase.Connecting => $"{value.Engine}: opening {value.Detail}",
            BenchmarkPhase.WarmingUp => $"{value.Engine}: warming up",
            BenchmarkPhase.Measuring => $"{value.Engine}: trial {value.Trial}/{value.Trials}",
            BenchmarkPhase.Stopping => $"{value.Engine}: stopping",
            _ => string.Empty,
        };
        if (_terminal)
        {
            writer.Write($"\r\u001b[K{line}");
            if (value.Phase == BenchmarkPhase.Done)
            {
                writer.Write("\r\u001b[K");
            }
        }
        else if (line.Length > 0)
        {
            writer.WriteLine(line);
        }
    }
}
