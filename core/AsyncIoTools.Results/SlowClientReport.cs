namespace AsyncIoTools.Results;

/// <summary>
/// What the slow clients of a run (slowloris) met: connections opened (again after each close), closed by the server
/// and how long after they opened — at the head timeout, or at once when the server had no room — and how many were
/// still open at the end.
/// </summary>
public sealed record SlowClientReport(
    int Clients,
    double IntervalSeconds,
    long Opened,
    long ClosedByServer,
    long ClosedWithinOneSecond,
    double? MedianSecondsToClose,
    double? P90SecondsToClose,
    double? MaxSecondsToClose,
    int OpenAtEnd,
    long ConnectErrors);
