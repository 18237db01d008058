using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Cli.Rendering.Diagnostics;
using AsyncIoTools.Cli.Rendering.Views;
using AsyncIoTools.Diagnostics.Incidents;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Reports.Incidents;
using AsyncIoTools.Text;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary>
/// <c>aiotools watch</c>: a low-cost lag session on one or more processes; when a rule fires, the culprit is
/// captured while the problem is live and an incident (markdown report, raw trace, interval log) is written; the
/// watch goes on until Ctrl+C, --duration, or every process has exited.
/// </summary>
public static class WatchCommand
{
    public static Command Create()
    {
        var processId = DiagnosticsOptions.ProcessIds();
        var name = DiagnosticsOptions.Names();
        var duration = DiagnosticsOptions.OptionalDuration("--duration", "How long to watch, e.g. 10m. Default: until Ctrl+C or every process has exited.");
        duration.Aliases.Add("-d");
        var watchDefaults = WatchSettings.Defaults;
        var interval = DiagnosticsOptions.Interval("The length of one lag interval (the rules are checked at each).", watchDefaults.Lag.Interval);
        var defaults = watchDefaults.Rules;
        var p99Over = Rule("--p99-over", "Fire when the p99 wait is over this in every interval of --for (0 turns it off).", defaults.P99Over);
        var sustained = Rule("--for", "How long --p99-over must hold.", defaults.For);
        var oldestOver = Rule("--oldest-over", "Fire at once when an item has waited longer than this, still unserved (0 turns it off).", defaults.OldestOver);
        var threadsClimb = new Option<int>("--threads-climb") { Description = "Fire when the pool's thread count climbs by this many within --for (0: off).", DefaultValueFactory = _ => defaults.ThreadsClimb };
        var capture = Rule("--capture", "How long to profile blocking once a rule fired.", watchDefaults.Capture, allowZero: false);
        var cooldown = Rule("--cooldown", "After an incident of a process, how long before its next one.", watchDefaults.Cooldown, allowZero: true);
        var maxDisk = new Option<long>("--max-disk")
        {
            Description = "Capture no incident while the output folder holds this much, e.g. 500MB, 2GB.",
            DefaultValueFactory = _ => watchDefaults.MaxDiskBytes,
            CustomParser = ParseSize,
            HelpName = "size",
        };
        var output = new Option<string>("--output-path", "-o") { Description = "The folder incidents are written to, one subfolder each.", DefaultValueFactory = _ => watchDefaults.OutputDirectory, HelpName = "DIR" };
        var command = new Command("watch", "Watch .NET processes' thread-pool lag; when a rule fires, capture the blocking methods and pending async calls while it is live and write an incident report.")
        {
            processId, name, duration, interval, p99Over, sustained, oldestOver, threadsClimb, capture, cooldown, maxDisk, output,
        };
        command.SetAction(RenderedCommand.Tables, async (parseResult, renderer, cancellationToken) =>
        {
            var options = new WatchOptions
            {
                Lag = new LagOptions
                {
                    Duration = parseResult.GetValue(duration) ?? Timeout.InfiniteTimeSpan,
                    Interval = parseResult.GetValue(interval),
                }.Watching(parseResult.GetValue(processId) ?? [], parseResult.GetValue(name) ?? []),
                Rules = new WatchRules
                {
                    P99Over = parseResult.GetValue(p99Over),
                    For = parseResult.GetValue(sustained),
                    OldestOver = parseResult.GetValue(oldestOver),
                    ThreadsClimb = parseResult.GetValue(threadsClimb),
                },
                Capture = parseResult.GetValue(capture),
                Cooldown = parseResult.GetValue(cooldown),
                MaxDiskBytes = parseResult.GetValue(maxDisk),
                OutputDirectory = parseResult.GetValue(output) ?? watchDefaults.OutputDirectory,
                CommandLine = "aiotools " + string.Join(' ', parseResult.Tokens.Select(t => t.Value)),
            };
            if (options.Lag.ProcessId is null && options.Lag.ProcessIds.Count == 0 && options.Lag.ProcessName is null && options.Lag.ProcessNames.Count == 0)
            {
                await Console.Error.WriteLineAsync("aiotools: give the processes to watch: --process-id or --name");
                return (int)ExitCode.Usage;
            }

            var gate = new object();
            void Say(TextWriter writer, string line)
            {
                lock (gate)
                {
                    writer.WriteLine(line);
                    writer.Flush();
                }
            }

            void Show(Incident incident)
            {
                lock (gate)
                {
                    renderer.Row(incident, IncidentViews.Incident, live: true);
                }
            }

            Say(Console.Error, IncidentTextRenderer.Header(options));
            var report = await IncidentWatcher.RunAsync(
                options,
                new IncidentFiles(),
                Show,
                null,
                note => Say(Console.Error, "aiotools: " + note),
                cancellationToken);
            if (report.AllExited)
            {
                Say(Console.Error, string.Create(CultureInfo.InvariantCulture, $"aiotools: every process watched exited; {report.Incidents.Count} incident(s) written to {options.OutputDirectory}"));
                return (int)ExitCode.WatchedExited;
            }

            return (int)(report.Incidents.Count > 0 && !cancellationToken.IsCancellationRequested ? ExitCode.Lagging : ExitCode.Success);
        });
        return command;
    }

    private static Option<TimeSpan> Rule(string name, string description, TimeSpan defaultValue, bool allowZero = true) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => allowZero && result.Tokens.Count > 0 && (result.Tokens[0].Value == "0" || (Durations.TryParse(result.Tokens[0].Value, out var zero) && zero == TimeSpan.Zero))
            ? TimeSpan.Zero
            : DiagnosticsOptions.ParseDuration(result),
        HelpName = "duration",
    };

    private static long ParseSize(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : string.Empty;
        var digits = text.TakeWhile(c => char.IsAsciiDigit(c) || c == '.').Count();
        var unit = text[digits..].Trim().ToUpperInvariant();
        long? factor = unit switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            _ => null,
        };
        if (factor is { } f && double.TryParse(text[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            return (long)(number * f);
        }

        result.AddError($"'{text}' is not a size for --max-disk: use e.g. 500MB, 2GB or a number of bytes");
        return 0;
    }
}
