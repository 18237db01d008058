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
            "--max-head", Invariant(settings.Protocol.MaxHeadBytes),
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

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void AddValue(List<string> arguments, string name, int? value)
    {
        if (value is { } v)
        {
            arguments.AddRange([name, Invariant(v)]);
        }
    }
}
