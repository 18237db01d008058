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

    /// <summary>A read of a file body into a chunk of the loop's file pool.</summary>
    FileRead,

    /// <summary>The send of what a file read brought in.</summary>
    FileSend,

    /// <summary>A zero-copy send of a file chunk: its token's tag is the chunk, which its notification frees.</summary>
    FileSendZeroCopy,

    /// <summary>A splice of file pages into the connection's pipe.</summary>
    SpliceIn,

    /// <summary>A splice from the connection's pipe into its socket.</summary>
    SpliceOut,
}
