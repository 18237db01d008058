namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>
/// One async method with calls pending in the target: how many, at which await (<c>awaiting #0</c> is the
/// method's first await; <c>running</c> is a call not suspended at an await), and what they await.
/// </summary>
public sealed record AsyncMethodHotspot(
    string Method,
    string DeclaringType,
    long Pending,
    IReadOnlyDictionary<string, long> States,
    IReadOnlyDictionary<string, long> Awaiting);
