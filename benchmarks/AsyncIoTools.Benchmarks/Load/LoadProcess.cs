using System.Diagnostics;
using System.Globalization;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Failures;
using AsyncIoTools.Measurement;
using AsyncIoTools.Processes;
using AsyncIoTools.Results;
using AsyncIoTools.Settings;
using AsyncIoTools.Text;

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

    /// <summary>
    /// Waits for the shard to have started: its first line must be <see cref="LoadControl.ReadyLine"/>. A host
    /// built before that word prints its ramp first and would then wait for a command forever, as would the runner.
    /// </summary>
    public async Task ReadReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AsyncIoToolsException(FailureKind.RunFailed, $"a load-generator process ({_process.StartInfo.FileName}) did not start within {Durations.Format(timeout)}");
        }

        switch (line)
        {
            case LoadControl.ReadyLine:
                return;
            case null:
                throw new AsyncIoToolsException(FailureKind.RunFailed, $"a load-generator process exited: {ErrorText()}");
            case var ramp when ramp.StartsWith(LoadControl.RampPrefix, StringComparison.Ordinal):
                throw new AsyncIoToolsException(FailureKind.RunFailed, $"the load-generator process {_process.StartInfo.FileName} connected before it was told to: a build from before the 'ready' word; publish it again (benchmarks/scripts/publish-native.sh)");
            default:
                throw new AsyncIoToolsException(FailureKind.RunFailed, $"a load-generator process said '{line}' where 'ready' was due");
        }
    }

    public Task SendConnectAsync() => SendAsync(LoadControl.ConnectCommand);

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

    public Task SendMeasureAsync(TimeSpan duration) =>
        SendAsync(string.Create(CultureInfo.InvariantCulture, $"{LoadControl.MeasureCommand} {duration.TotalSeconds:R}"));

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

    /// <summary>Tells the shard to close its connections and exit (the end of its stdin), without waiting for it.</summary>
    public void End()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        End();
        try
        {
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

        throw new AsyncIoToolsException(FailureKind.RunFailed, $"a load-generator process exited: {ErrorText()}");
    }

    /// <summary>A command on the shard's stdin; one that has exited says why at the next line read from it, so a broken pipe here is left to that.</summary>
    private async Task SendAsync(string command)
    {
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
        }
        catch (IOException)
        {
        }
    }

    /// <summary>What the exited shard wrote on stderr; its end of stdout can come before its stderr is read out.</summary>
    private string ErrorText()
    {
        _process.WaitForExit(StderrWait);
        var errors = _errors.Text.Replace("aiotools: ", string.Empty, StringComparison.Ordinal);
        return errors.Length > 0 ? errors : "no message";
    }

    private static readonly TimeSpan StderrWait = TimeSpan.FromSeconds(5);
}
