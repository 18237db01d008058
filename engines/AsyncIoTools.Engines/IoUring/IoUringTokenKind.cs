namespace AsyncIoTools.Engines.IoUring;

/// <summary>What a completion answers; the top byte of its user data. Zero is never used, so a stray zero stands out.</summary>
public enum IoUringTokenKind : byte
{
    None = 0,
    Accept,
    Wake,
    Receive,
    Send,

    /// <summary>A zero-copy send: its token's tag is the output chunk, which its notification frees.</summary>
    SendZeroCopy,
    Cancel,

    /// <summary>The cancellation of the loop's accept (stopping, or out of descriptors).</summary>
    CancelAccept,
    Shutdown,
    Close,
    SetOption,
}
