using System.Globalization;

namespace AsyncIoTools.LagTarget;

/// <summary>The target's command line: <c>--mode</c>, <c>--rate</c> and friends, each with a default.</summary>
internal sealed record TargetSettings(
    BlockingMode Mode,
    int RequestsPerSecond,
    int Concurrency,
    int WorkMicros,
    int IoDelayMillis,
    int Subscriptions,
    int Readers,
    int MaxWorkerThreads,
    TimeSpan ExitAfter,
    int StartupBurst = 0,
    BlockingMode? ThenMode = null,
    TimeSpan SwitchAfter = default,
    int WorkIterations = 0,
    int CollectGarbagePercent = 0)
{
    public static TargetSettings Parse(string[] args)
    {
        // MaxWorkerThreads 0 leaves the pool's own limit; the starving modes cap it at 8 (see Program).
        var settings = new TargetSettings(BlockingMode.None, 500, 0, 50, 1, 300, 120, 0, TimeSpan.Zero);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--mode" => settings with { Mode = ParseMode(value) },
                "--rate" => settings with { RequestsPerSecond = Number(value) },
                "--concurrency" => settings with { Concurrency = Number(value) },
                "--work-us" => settings with { WorkMicros = Number(value) },
                "--work-iterations" => settings with { WorkIterations = Number(value) },
                "--io-delay-ms" => settings with { IoDelayMillis = Number(value) },
                "--subscriptions" => settings with { Subscriptions = Number(value) },
                "--readers" => settings with { Readers = Number(value) },
                "--max-threads" => settings with { MaxWorkerThreads = Number(value) },
                "--exit-after-ms" => settings with { ExitAfter = TimeSpan.FromMilliseconds(Number(value)) },
                "--startup-burst" => settings with { StartupBurst = Number(value) },
                "--then" => settings with { ThenMode = ParseMode(value) },
                "--collect-garbage-percent" => settings with { CollectGarbagePercent = Number(value) },
                "--switch-after-ms" => settings with { SwitchAfter = TimeSpan.FromMilliseconds(Number(value)) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return settings;
    }

    private static BlockingMode ParseMode(string text) => Enum.Parse<BlockingMode>(text.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true);

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
