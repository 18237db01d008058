namespace AsyncIoTools.Tests.Support;

/// <summary>How an aiotools run ended: exit code and both output streams.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    /// <summary>A .NET stack trace leaked to the user (expected failures are one line).</summary>
    public bool HasStackTrace => Error.Contains("   at ", StringComparison.Ordinal) || Output.Contains("   at ", StringComparison.Ordinal);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
