namespace AsyncIoTools.Diagnostics.Tests.Support;

/// <summary>How an aiotools run ended: exit code and both output streams.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
