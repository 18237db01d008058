namespace AsyncIoTools.Cli.Tests;

/// <summary>What a run of aiotools printed and how it exited.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>No .NET stack trace leaked to the user.</summary>
    public bool HasStackTrace => Error.Contains("   at ", StringComparison.Ordinal) || Output.Contains("   at ", StringComparison.Ordinal);
}
