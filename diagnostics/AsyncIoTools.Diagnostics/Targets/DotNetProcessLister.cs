using AsyncIoTools.Failures;

namespace AsyncIoTools.Diagnostics.Targets;

/// <summary>
/// <c>aiotools ps</c>: the processes that published a diagnostics endpoint, each asked for its runtime version
/// and command line. One that cannot be asked is still listed, with the reason, instead of failing the list.
/// </summary>
public static class DotNetProcessLister
{
    public static IReadOnlyList<DotNetProcess> List()
    {
        var rows = new List<DotNetProcess>();
        foreach (var processId in DiagnosticEndpoint.PublishedProcessIds())
        {
            if (processId == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var target = TargetLocator.Inspect(processId);
                rows.Add(new DotNetProcess(processId, target.Name, target.Runtime.RuntimeVersionText, target.Runtime.CommandLine, true, null));
            }
            catch (AsyncIoToolsException e) when (e.Kind is FailureKind.PermissionDenied or FailureKind.RuntimeTooOld or FailureKind.DiagnosticsDisabled)
            {
                rows.Add(new DotNetProcess(processId, ProcFs.Name(processId), "?", string.Empty, false, e.Message));
            }
            catch (AsyncIoToolsException)
            {
                // Gone between the listing and the question, or a stale endpoint left by a runtime that died: not a row.
            }
        }

        return rows;
    }
}
