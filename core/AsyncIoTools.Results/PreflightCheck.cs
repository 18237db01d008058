namespace AsyncIoTools.Results;

/// <summary>
/// One limit compared with what a run needs; <see cref="Fix"/> says how to raise it when it falls short. An
/// advisory check that fails does not stop the run: the result warns that its figures may be hurt.
/// </summary>
public sealed record PreflightCheck(string Name, string Needed, string Actual, bool Passed, string? Fix = null, bool Advisory = false);
