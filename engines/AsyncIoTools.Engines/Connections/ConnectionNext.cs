namespace AsyncIoTools.Engines.Connections;

/// <summary>What an engine does once a step's output (and file body) is sent.</summary>
internal enum ConnectionNext : byte
{
    /// <summary>Read more: nothing held can be answered yet.</summary>
    Read,

    /// <summary>Call <see cref="ConnectionMachine.Resume"/>: more requests are held (the output was full, or a file body or a split answer went first).</summary>
    Answer,

    /// <summary>Close the connection.</summary>
    Close,

    /// <summary>
    /// An error answer: shut the send side so the answer arrives whole, then keep reading (the machine drops what
    /// comes) until the peer closes, the lingering limit is reached, or the lingering time runs out.
    /// </summary>
    Linger,
}
