using System.Globalization;
using System.Text.RegularExpressions;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Benchmarks.Scenarios;

/// <summary>Checks a scenario's values; each problem names the field and the value found.</summary>
public static partial class ScenarioValidator
{
    /// <summary>The first problem found, as "field: what is wrong (got value)", or null if the scenario is sound.</summary>
    public static string? FindProblem(BenchmarkScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Problems(scenario).FirstOrDefault();
    }

    private static IEnumerable<string> Problems(BenchmarkScenario s)
    {
        if (s.Version != BenchmarkScenario.CurrentVersion)
        {
            yield return $"version: only version {BenchmarkScenario.CurrentVersion} is known (got {s.Version})";
        }

        if (string.IsNullOrEmpty(s.Name) || !NamePattern().IsMatch(s.Name))
        {
            yield return $"name: use lowercase letters, digits and '-' (got '{s.Name}')";
        }

        foreach (var problem in PointProblems(s, prefix: string.Empty))
        {
            yield return problem;
        }

        if (s.DurationSeconds is <= 0 or > 3600)
        {
            yield return $"durationSeconds: must be more than 0 and at most 3600 (got {Show(s.DurationSeconds)})";
        }

        if (s.WarmupSeconds is < 0 or > 3600)
        {
            yield return $"warmupSeconds: must be 0 to 3600 (got {Show(s.WarmupSeconds)})";
        }

        if (s.Trials is < 1 or > BenchSettings.MaxTrials)
        {
            yield return $"trials: must be 1 to {Count(BenchSettings.MaxTrials)} (got {s.Trials})";
        }

        if (s.RequestsPerConnection < 0)
        {
            yield return $"requestsPerConnection: must not be negative (got {s.RequestsPerConnection})";
        }

        if (!s.Path.StartsWith('/') || s.Path.Any(char.IsWhiteSpace))
        {
            yield return $"path: must start with / and hold no spaces (got '{s.Path}')";
        }

        if (s.Protocol == ProtocolKind.File && s.File is null)
        {
            yield return "file: the file protocol needs a file (\"file\": { \"sizeBytes\": … })";
        }

        if (s.File is { SizeBytes: < 1 or > 16L << 30 } file)
        {
            yield return $"file.sizeBytes: must be 1 byte to 16 GiB (got {file.SizeBytes})";
        }

        if (s.Workers < 0 || s.LoadProcesses < 0)
        {
            yield return $"workers/loadProcesses: must not be negative (got {s.Workers}/{s.LoadProcesses})";
        }

        // Engines are checked for form only: a scenario may name an engine this build lacks (it is then listed
        // as unavailable), while an unknown --engine on the command line is a usage error.
        foreach (var (engine, index) in (s.Engines ?? []).Select((e, i) => (e, i)))
        {
            if (!EnginePattern().IsMatch(engine))
            {
                yield return $"engines[{index}]: write an engine as name or name:variant (got '{engine}')";
            }
        }

        if (s.Sweep is { } sweep)
        {
            if (!ScenarioSweep.Parameters.Contains(sweep.Parameter))
            {
                yield return $"sweep.parameter: can be {string.Join(", ", ScenarioSweep.Parameters)} (got '{sweep.Parameter}')";
            }
            else if (sweep.Values is not { Count: > 0 })
            {
                yield return "sweep.values: give at least one value";
            }
            else
            {
                foreach (var (value, index) in sweep.Values.Select((v, i) => (v, i)))
                {
                    foreach (var problem in PointProblems(sweep.Apply(s, value), $"sweep.values[{index}] → "))
                    {
                        yield return problem;
                    }
                }
            }
        }

        if (s.Limits is { } limits && limits.ToServerLimits().FindProblem() is { } limitProblem)
        {
            yield return $"limits: {limitProblem}";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (c, index) in (s.Cases ?? []).Select((c, i) => (c, i)))
        {
            if (string.IsNullOrEmpty(c.Name) || !NamePattern().IsMatch(c.Name) || !names.Add(c.Name))
            {
                yield return $"cases[{index}].name: must be unique, lowercase letters, digits and '-' (got '{c.Name}')";
            }

            if (c.Transfer is not null && s.Protocol != ProtocolKind.File)
            {
                yield return $"cases[{index}].transfer: only the file protocol sends files (protocol is {s.Protocol.ToString().ToLowerInvariant()})";
            }

            if (c.SendBufferBytes is < 1024 || c.ReceiveBufferBytes is < 1024)
            {
                yield return $"cases[{index}]: sendBufferBytes/receiveBufferBytes must be at least 1024 (got {c.SendBufferBytes}/{c.ReceiveBufferBytes})";
            }

            if (c.CongestionControl is { } control && !CongestionControls.IsWellFormed(control))
            {
                yield return $"cases[{index}].congestionControl: a name of 1 to {CongestionControls.MaxLength} letters, digits or '_', such as cubic (got '{control}')";
            }

            if (c.KeepAliveIdleSeconds is < 1 || c.ServerLoops is < 1)
            {
                yield return $"cases[{index}]: keepAliveIdleSeconds and serverLoops must be at least 1 (got {c.KeepAliveIdleSeconds}/{c.ServerLoops})";
            }

            if (c.SlowClients is < 0 or > 100_000 || c.SlowClientIntervalSeconds is <= 0 or > 3600)
            {
                yield return $"cases[{index}]: slowClients must be 0 to 100,000 and slowClientIntervalSeconds more than 0 and at most 3600 (got {c.SlowClients}/{c.SlowClientIntervalSeconds})";
            }
        }
    }

    /// <summary>Checks of the values a sweep may change, so every point of a sweep is checked too.</summary>
    private static IEnumerable<string> PointProblems(BenchmarkScenario s, string prefix)
    {
        if (s.Connections is < 1 or > BenchSettings.MaxConnections)
        {
            yield return $"{prefix}connections: must be 1 to {Count(BenchSettings.MaxConnections)} (got {s.Connections})";
        }

        if (s.Active is { } active && (active < 0 || active > s.Connections))
        {
            yield return $"{prefix}active: must be 0 to connections ({s.Connections}) (got {active})";
        }

        if (s.Rate is < LoadSettings.MinRate)
        {
            yield return $"{prefix}rate: must be at least {Show(LoadSettings.MinRate)} (got {Show(s.Rate.Value)})";
        }

        if (s.Pipeline < 1 || (s.Rate is not null && s.Pipeline != 1))
        {
            yield return $"{prefix}pipeline: must be at least 1, and 1 with a rate (got {s.Pipeline})";
        }

        if (s.MessageBytes is < 1 or > BenchSettings.MaxMessageBytes)
        {
            yield return $"{prefix}messageBytes: must be 1 byte to {BenchSettings.MaxMessageBytes >> 20} MiB (got {s.MessageBytes})";
        }
    }

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Count(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9_]+(:[a-z0-9-]+)?$")]
    private static partial Regex EnginePattern();
}
