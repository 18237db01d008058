namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>An engine to benchmark, with its variant (null: the engine's default).</summary>
public sealed record EngineSelection(string Engine, string? Variant = null)
{
    /// <summary>"epoll" or "epoll:edge".</summary>
    public static EngineSelection Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new EngineSelection(text.Trim()) : new EngineSelection(text[..colon].Trim(), text[(colon + 1)..].Trim());
    }

    public override string ToString() => Variant is null ? Engine : $"{Engine}:{Variant}";
}
