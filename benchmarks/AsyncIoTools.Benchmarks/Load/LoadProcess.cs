using System.Diagnostics;
using System.Globalization;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Failures;
using AsyncIoTools.Measurement;
using AsyncIoTools.Processes;
using AsyncIoTools.Results;
using AsyncIoTools.Settings;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>One load-generator shard in a child <c>aiotools load --control</c> process.</summary>
internal sealed class LoadProcess : IDisposable
{
    private readonly Process _process;
    private readonly StderrCapture _errors;

    private LoadProcess(Process process)
    {
        _process = process;
        _errors = StderrCapture.Of(process);
    }

    public static LoadProcess Start(ServerLaunch launch, LoadOptions options)
    {
        var start = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in launch.PrefixArguments.Concat(Arguments(options)))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new AsyncIoToolsException(FailureKind.RunFailed, "could not start a load-generator process");
        return new LoadProcess(process);
    }

    /// <summary>Waits for the shard to have started (<see cref="LoadControl.ReadyLine"/>).</summary>
    public async Task ReadReadyAsync(CancellationToken cancellationToken) => await ReadLineAsync(LoadControl.ReadyLine, cancellationToken);

    public async Task SendConnectAsync()
    {
        await _process.StandardInput.WriteLineAsync(LoadControl.ConnectCommand);
        await _process.StandardInput.FlushAsync();
    }

    public async Task<RampResult> ReadRampAsync(CancellationToken cancellationToken) => LoadControl.ParseRamp(await ReadLineAsync(LoadControl.RampPrefix, cancellationToken));

    /// <summary>The shard's resident memory now (0 once it has exited).</summary>
    public long RssBytes()
    {
        try
        {
            return _process.HasExited ? 0 : ProcessSnapshot.Read(_process.Id).RssBytes;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ProcessGoneException)
        {
            return 0;
        }
    }

    public async Task SendMeasureAsync(TimeSpan duration)
    {
        await _process.StandardInput.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{LoadControl.MeasureCommand} {duration.TotalSeconds:R}"));
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The shard's next sample, with the interval lines printed before it.</summary>
    public async Task<ClientMeasurement> ReadSampleAsync(CancellationToken cancellationToken)
    {
        var intervals = new List<IntervalHistogram>();
        var line = await ReadLineAsync(LoadControl.SamplePrefix, cancellationToken, l =>
        {
            if (l.StartsWith(LoadControl.IntervalPrefix, StringComparison.Ordinal))
            {
                intervals.Add(LoadControl.ParseInterval(l).ToInterval());
            }
        });
        return LoadControl.ParseSample(line) with { Intervals = intervals };
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    /// <summary>The command line of a shard (without the launcher's prefix): every load setting, and the control channel.</summary>
    internal static IReadOnlyList<string> Arguments(LoadOptions options) =>
        [.. LoadSettings.CommandLine(options), ChildArguments.Flag(Setting.Control), "true"];

    private async Task<string> ReadLineAsync(string prefix, CancellationToken cancellationToken, Action<string>? other = null)
    {
        while (await _process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }

            other?.Invoke(line);
        }

        var errors = _errors.Text.Replace("aiotools: ", string.Empty, StringComparison.Ordinal);

        throw new AsyncIoToolsException(FailureKind.RunFailed, $"a load-generator process exited: {(errors.Length > 0 ? errors : "no message")}");
    }
}
