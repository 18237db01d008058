using System.Text.Json.Serialization;

namespace AsyncIoTools.Results;

/// <summary>
/// One limit compared with what a run needs; <see cref="Fix"/> says how to raise it when it falls short. An
/// advisory check that fails does not stop the run: the result warns that its figures may be hurt. (Written only
/// when true: result files from before it existed round-trip unchanged.)
/// </summary>
public sealed record PreflightCheck(
    string Name,
    string Needed,
    string Actual,
    bool Passed,
    string? Fix = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Advisory = false);
