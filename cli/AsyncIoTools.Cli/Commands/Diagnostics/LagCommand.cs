using System.CommandLine;
using System.Globalization;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Diagnostics.Fleet;
using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary>
/// <c>aiotools lag</c>: thread-pool delay of live processes, per interval and overall, with a verdict; one process
/// or several at once, optionally as Prometheus metrics, an interval log and OTLP; or an app observed from its
/// first instruction through a diagnostic port.
/// </summary>
public static class LagCommand
{
    public static Command Create()
    {
        var processId = DiagnosticsOptions.ProcessIds();
        var name = DiagnosticsOptions.Names();
        var all = new Option<bool>("--all") { Description = "Watch every .NET process of this user (or of --user), including ones that start later." };
        var defaults = LagSettings.Defaults;
        var user = new Option<string?>("--user") { Description = "With --all: whose processes (a user name or uid).", HelpName = "USER" };
        var duration = DiagnosticsOptions.OptionalDuration("--duration", "How long to observe, e.g. 10s, 2m. Default: until Ctrl+C.");
        duration.Aliases.Add("-d");
        var interval = DiagnosticsOptions.Interval("The length of one reported interval.", defaults.Interval);
        var watch = new Option<bool>("--watch", "-w") { Description = "Stream intervals until Ctrl+C (with --json, one JSON line each) instead of one document at the end." };
        var threshold = DiagnosticsOptions.OptionalDuration("--threshold", "Exit with code 20 when the p99 delay or the longest wait crosses this, e.g. 50ms.");
        var traceOut = DiagnosticsOptions.TraceOut();
        var hlog = new Option<string?>("--hlog") { Description = "Write every interval's delays as an HdrHistogram interval log (.hlog, one tag per process); never overwritten.", HelpName = "PATH" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Serve Prometheus metrics on http://ADDR:PORT/metrics while watching (wait histogram, oldest wait, verdict, queue, threads; labelled pid, name, host).", HelpName = "PORT" };
        var metricsBind = new Option<string>("--metrics-bind") { Description = "The address the metrics endpoint listens on (0.0.0.0 for every interface).", DefaultValueFactory = _ => defaults.MetricsBind, HelpName = "ADDR" };
        var otlp = new Option<Uri?>("--otlp-endpoint")
        {
            Description = "Also push the metrics over OTLP (HTTP/protobuf) to this collector, e.g. http://localhost:4318.",
            HelpName = "URL",
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    return uri;
                }

                r.AddError($"'{text}' is not a collector URL for --otlp-endpoint: use e.g. http://localhost:4318");
                return null;
            },
        };
        var diagnosticPort = DiagnosticsOptions.DiagnosticPort();
        var launch = DiagnosticsOptions.Command();
        var command = new Command("lag", "How long work waits in live .NET processes' thread pools (p50/p90/p99/max per interval, oldest waiting item, verdict), from outside or from an app's first instruction.")
        {
            processId, name, all, user, duration, interval, watch, threshold, traceOut, hlog, metricsPort, metricsBind, otlp, diagnosticPort, launch,
        };
        command.SetAction(RenderedCommand.Tables, async (parseResult, renderer, cancellationToken) =>
        {
            var options = new LagOptions
            {
                AllProcesses = parseResult.GetValue(all),
                User = parseResult.GetValue(user),
                Duration = parseResult.GetValue(duration) ?? Timeout.InfiniteTimeSpan,
                Interval = parseResult.GetValue(interval),
                Watch = parseResult.GetValue(watch),
                Threshold = parseResult.GetValue(threshold),
                TraceOut = parseResult.GetValue(traceOut),
                HlogPath = parseResult.GetValue(hlog),
                MetricsPort = parseResult.GetValue(metricsPort),
                MetricsBind = parseResult.GetValue(metricsBind) ?? "127.0.0.1",
                OtlpEndpoint = parseResult.GetValue(otlp),
                DiagnosticPort = parseResult.GetValue(diagnosticPort),
                LaunchCommand = parseResult.GetValue(launch) is { Length: > 0 } c ? c : null,
            }.Watching(parseResult.GetValue(processId) ?? [], parseResult.GetValue(name) ?? []);
            return await LagSession.RunAsync(options, renderer, Console.Error, cancellationToken);
        });
        return command;
    }
}
