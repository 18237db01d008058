namespace AsyncIoTools.Diagnostics.EventPipe;

/// <summary>Why a capture stopped; a report says it, so partial figures are never mistaken for whole ones.</summary>
public enum CaptureEnd
{
    /// <summary>The requested duration elapsed and the session was stopped cleanly.</summary>
    Completed,

    /// <summary>Ctrl+C (or the caller's token) stopped it early; the figures cover the time measured.</summary>
    Canceled,

    /// <summary>The target exited (or closed the stream) while it was observed.</summary>
    TargetExited,
}
