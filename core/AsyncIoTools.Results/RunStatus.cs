namespace AsyncIoTools.Results;

public enum RunStatus
{
    Completed,

    /// <summary>The engine cannot run here; <see cref="EngineRun.Reason"/> says why.</summary>
    Unavailable,

    /// <summary>The run started and failed; <see cref="EngineRun.Reason"/> says how.</summary>
    Failed,
}
