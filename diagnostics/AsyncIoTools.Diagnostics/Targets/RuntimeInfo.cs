namespace AsyncIoTools.Diagnostics.Targets;

/// <summary>What the runtime says of itself over the diagnostics port (the ProcessInfo2 command).</summary>
public sealed record RuntimeInfo(
    int ProcessId,
    string CommandLine,
    string OperatingSystem,
    string Architecture,
    string EntryAssembly,
    string RuntimeVersionText)
{
    /// <summary>The numeric part of <see cref="RuntimeVersionText"/> ("10.0.12+abc" → 10.0.12); 0.0 if unreadable.</summary>
    public Version RuntimeVersion
    {
        get
        {
            var end = RuntimeVersionText.IndexOfAny(['+', '-', ' ']);
            var numeric = end < 0 ? RuntimeVersionText : RuntimeVersionText[..end];
            return Version.TryParse(numeric, out var version) ? version : new Version(0, 0);
        }
    }
}
