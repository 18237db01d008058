namespace AsyncIoTools.Results;

public enum RunStatus
{
    Completed,

    /// <summary>The engine cannot run here; <see cref="EngineRun.Reason"/> says why.</summary>
    Unavailable,

    /// <summary>The run started and failed; <see cref="EngineRun.Reason"/> says how.</summary>
    Failed,

    /// <summary>
    /// Stopped by Ctrl+C or SIGTERM: <see cref="EngineRun.Trials"/> holds the trials it finished and
    /// <see cref="EngineRun.CanceledTrial"/> the one that was running (none when it had not begun measuring).
    /// </summary>
    Canceled,
}
