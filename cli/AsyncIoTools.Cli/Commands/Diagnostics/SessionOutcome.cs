using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Diagnostics.EventPipe;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary>
/// The exit code of a session that produced a report: the report is always printed first, then a target that
/// exited, an interruption or a crossed threshold each says so in one line and gets its own exit code.
/// </summary>
public static class SessionOutcome
{
    public static async Task<int> ExitCodeAsync(CaptureEnd end, bool watch, bool thresholdExceeded, string what, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        switch (end)
        {
            case CaptureEnd.TargetExited:
                await error.WriteLineAsync($"aiotools: the target exited during the session; the {what} above covers what was measured until then");
                return (int)ExitCode.TargetExited;
            case CaptureEnd.Canceled when !watch:
                await error.WriteLineAsync($"aiotools: canceled; the {what} above covers what was measured until then");
                return (int)ExitCode.Canceled;
            default:
                break;
        }

        if (thresholdExceeded)
        {
            await error.WriteLineAsync("aiotools: the threshold was exceeded");
            return (int)ExitCode.ThresholdExceeded;
        }

        return (int)ExitCode.Success;
    }
}
