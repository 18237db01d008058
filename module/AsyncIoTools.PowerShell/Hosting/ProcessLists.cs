using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.PowerShell.Hosting;

/// <summary>
/// The processes the cmdlets that watch several at once (Get-EventLoopLag, Wait-Incident) were given, as lag's
/// options take them: one id or name in the singular, several in the plural (as the CLI's lag and watch bind them).
/// </summary>
internal static class ProcessLists
{
    public static LagOptions Watching(this LagOptions options, IReadOnlyList<int> ids, IReadOnlyList<string> names) => options with
    {
        ProcessId = ids.Count == 1 ? ids[0] : null,
        ProcessIds = ids.Count > 1 ? ids : [],
        ProcessName = names.Count == 1 ? names[0] : null,
        ProcessNames = names.Count > 1 ? names : [],
    };
}
