using System.Globalization;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Text;

namespace AsyncIoTools.Engines.Hosting;

/// <summary>The <c>aiotools serve</c> command line that runs <see cref="ServerSettings"/> in a child process.</summary>
public static class ServeArguments
{
    public static IReadOnlyList<string> For(ServerSettings settings, IReadOnlyList<int>? cpus, bool control)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var arguments = new List<string>
        {
            "serve",
            "--engine", settings.Engine,
            "--protocol", settings.Protocol.Kind.ToString().ToLowerInvariant(),
            "--message-size", Invariant(settings.Protocol.MessageBytes),
            "--max-head", Invariant(settings.Limits.MaxHeadBytes),
            "--bind", settings.Endpoint.Address.ToString(),
            "--port", Invariant(settings.Endpoint.Port),
            "--loops", Invariant(settings.Loops),
            "--accept", settings.Accept.ToString().ToLowerInvariant(),
            "--backlog", Invariant(settings.Backlog),
        };
        if (settings.Variant is { } variant)
        {
            arguments.AddRange(["--variant", variant]);
        }

        if (settings.SharePort)
        {
            arguments.Add("--share-port");
        }

        if (settings.Protocol.FileRoot is { } root)
        {
            arguments.AddRange(["--root", root, "--transfer", settings.Transfer.ToString().ToLowerInvariant()]);
        }

        if (settings.Protocol.SplitWrites)
        {
            arguments.Add("--split-writes");
        }

        var tuning = settings.Tuning;
        if (!tuning.NoDelay)
        {
            arguments.AddRange(["--nodelay", "false"]);
        }

        if (tuning.Cork)
        {
            arguments.Add("--cork");
        }

        AddValue(arguments, "--sndbuf", tuning.SendBufferBytes);
        AddValue(arguments, "--rcvbuf", tuning.ReceiveBufferBytes);
        AddValue(arguments, "--keepalive-idle", tuning.KeepAliveIdleSeconds);
        AddValue(arguments, "--fastopen", tuning.FastOpenQueueLength);
        AddLimits(arguments, settings.Limits);
        if (settings.Workers > 1)
        {
            arguments.AddRange(["--workers", Invariant(settings.Workers)]);
        }

        if (cpus is { Count: > 0 })
        {
            arguments.AddRange(["--cpus", CpuLists.Format(cpus)]);
        }

        if (control)
        {
            arguments.Add("--control");
        }

        return arguments;
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    /// <summary>The limits that differ from the defaults (the serve command's defaults are the same record's).</summary>
    private static void AddLimits(List<string> arguments, ServerLimits limits)
    {
        var defaults = ServerLimits.Default;
        if (limits.HeadTimeout != defaults.HeadTimeout)
        {
            arguments.AddRange(["--head-timeout", Seconds(limits.HeadTimeout)]);
        }

        if (limits.KeepAliveTimeout != defaults.KeepAliveTimeout)
        {
            arguments.AddRange(["--keepalive-timeout", Seconds(limits.KeepAliveTimeout)]);
        }

        if (limits.MinReceiveRate != defaults.MinReceiveRate)
        {
            arguments.AddRange(["--min-receive-rate", Invariant(limits.MinReceiveRate)]);
        }

        if (limits.MinReceiveRateGrace != defaults.MinReceiveRateGrace)
        {
            arguments.AddRange(["--min-receive-rate-grace", Seconds(limits.MinReceiveRateGrace)]);
        }

        if (limits.MaxConnections != defaults.MaxConnections)
        {
            arguments.AddRange(["--max-connections", Invariant(limits.MaxConnections)]);
        }

        if (limits.MaxBodyBytes != defaults.MaxBodyBytes)
        {
            arguments.AddRange(["--max-body", Invariant(limits.MaxBodyBytes)]);
        }
    }

    private static void AddValue(List<string> arguments, string name, int? value)
    {
        if (value is { } v)
        {
            arguments.AddRange([name, Invariant(v)]);
        }
    }
}
