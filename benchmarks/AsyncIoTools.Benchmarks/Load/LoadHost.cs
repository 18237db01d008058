using System.Globalization;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Failures;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>Runs a load generator as a runner's shard: <see cref="LoadControl"/> on stdin and stdout.</summary>
public static class LoadHost
{
    public static async Task RunControlledAsync(LoadOptions options, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        using var generator = new LoadGenerator(options);
        await output.WriteLineAsync(LoadControl.ReadyLine);
        await output.FlushAsync(cancellationToken);
        switch (await input.ReadLineAsync(cancellationToken))
        {
            case null:
                // The runner went away before the ramp (a canceled bench): nothing was opened, nothing to say.
                return;
            case LoadControl.ConnectCommand:
                break;
            case var other:
                // A driver that skips the word (one written before it) would otherwise see this shard end in silence.
                throw new AsyncIoToolsException(FailureKind.Usage, $"expected '{LoadControl.ConnectCommand}' on stdin after '{LoadControl.ReadyLine}', got '{other}'");
        }

        var ramp = await generator.ConnectAsync(cancellationToken);
        await output.WriteLineAsync(LoadControl.FormatRamp(ramp));
        await output.FlushAsync(cancellationToken);
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == LoadControl.MeasureCommand
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                var sample = await generator.MeasureAsync(TimeSpan.FromSeconds(seconds), cancellationToken);
                foreach (var interval in sample.Intervals ?? [])
                {
                    await output.WriteLineAsync(LoadControl.FormatInterval(IntervalMeasurement.From(interval)));
                }

                await output.WriteLineAsync(LoadControl.FormatSample(sample.ToMeasurement(generator.Threads)));
                await output.FlushAsync(cancellationToken);
            }
        }
    }
}
