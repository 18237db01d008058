using System.CommandLine;
using System.CommandLine.Parsing;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Text;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Cli.Commands;

/// <summary>Options several commands share, each defined once: name, description, default, validation.</summary>
internal static class SharedOptions
{
    public static Option<string?> Hlog(string description) => new("--hlog") { Description = description, HelpName = "PATH" };

    public static Option<string> Engine(string defaultEngine) => new("--engine", "-e")
    {
        Description = $"Server engine: {string.Join(", ", EngineRegistry.Default.Names)} (see 'aiotools engines').",
        DefaultValueFactory = _ => defaultEngine,
    };

    public static Option<string?> Variant() => new("--variant")
    {
        Description = "Engine variant (see 'aiotools engines'); the engine's default if omitted.",
    };

    public static Option<ProtocolKind> Protocol(ProtocolKind defaultValue) => EnumOptions.Create(
        "--protocol", "Wire protocol: http (plaintext, TechEmpower-style) or echo (fixed-size messages).", defaultValue);

    public static Option<int> MessageSize(int defaultValue) => new("--message-size")
    {
        Description = "Echo: bytes per message.",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<int> Connections(int defaultValue) => new("--connections", "-c")
    {
        Description = "Connections to open and hold.",
        DefaultValueFactory = _ => defaultValue,
    };

    /// <param name="description">What the duration is for, when it is neither --duration nor --warmup.</param>
    public static Option<TimeSpan> Duration(TimeSpan defaultValue, string name = "--duration", string? description = null) => new(name, name == "--duration" ? ["-d"] : [])
    {
        Description = description ?? (name == "--warmup" ? "How long to warm up before measuring: 500ms, 10s, 1m." : "How long to measure: 500ms, 10s, 1m."),
        DefaultValueFactory = _ => defaultValue,
        CustomParser = ParseDuration,
    };

    public static Option<int> Loops(int defaultValue) => new("--loops")
    {
        Description = "Loop threads in the server; 0 = one per usable CPU.",
        DefaultValueFactory = _ => defaultValue,
    };

    public static TimeSpan ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Durations.TryParse(text, out var duration))
        {
            return duration;
        }

        result.AddError($"'{text}' is not a duration for {(result.Parent is OptionResult option ? option.Option.Name : "this option")}: use {Durations.Expected}");
        return default;
    }

    /// <summary>Parses "0,1" or "2-3" into CPU numbers.</summary>
    public static IReadOnlyList<int>? ParseCpuList(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (CpuLists.TryParse(text, out var cpus))
        {
            return cpus;
        }

        result.AddError($"'{text}' is not a CPU list; use e.g. 0 or 0,1 or 2-3");
        return null;
    }
}
