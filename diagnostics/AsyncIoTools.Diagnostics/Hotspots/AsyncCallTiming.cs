namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>One async method as traced: calls started and finished in the window, their duration, and calls still open.</summary>
public sealed record AsyncCallTiming(
    string Method,
    long Started,
    long Completed,
    long Failed,
    long OpenAtEnd,
    double MeanMilliseconds,
    double P99Milliseconds,
    double MaxMilliseconds);
