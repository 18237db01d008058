namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>
/// The processes lag and watch were given (Get-EventLoopLag and Wait-Incident the same), as the options take them:
/// one id or name in the singular, several in the plural. One rule for both faces.
/// </summary>
public static class LagTargets
{
    public static LagOptions Watching(this LagOptions options, IReadOnlyList<int> ids, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(names);
        return options with
        {
            ProcessId = ids.Count == 1 ? ids[0] : null,
            ProcessIds = ids.Count > 1 ? ids : [],
            ProcessName = names.Count == 1 ? names[0] : null,
            ProcessNames = names.Count > 1 ? names : [],
        };
    }
}
