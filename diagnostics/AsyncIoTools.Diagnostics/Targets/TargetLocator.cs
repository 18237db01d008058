using System.Globalization;
using System.Net.Sockets;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Diagnostics.Targets;

/// <summary>
/// Turns a process id or name into an attachable <see cref="DotNetTarget"/>, or into the one expected failure that
/// says why not: no such process, not .NET, diagnostics disabled, another user's, or a runtime too old.
/// </summary>
public static class TargetLocator
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a process that shows signs of exiting (its endpoint gone while its runtime is still mapped, a refused
    /// or cut answer, the kernel's exiting flag) is given to finish, before it is judged as it is. A runtime shutting
    /// down removes its endpoint first and exits milliseconds later; read in between, it looked like a .NET process
    /// started without diagnostics, or no .NET process at all.
    /// </summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(2);

    public static DotNetTarget Locate(TargetOptions options, RuntimeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(requirement);
        var processId = ResolveProcessId(options);
        var target = Inspect(processId);
        if (target.Runtime.RuntimeVersion < requirement.Minimum)
        {
            throw new AsyncIoToolsException(
                FailureKind.RuntimeTooOld,
                $"process {processId} ({target.Name}) runs .NET {target.Runtime.RuntimeVersionText}, too old for '{requirement.Command}': {requirement.Reason}");
        }

        return target;
    }

    /// <summary>Every process (but this one) of this name, as <see cref="TargetOptions.ProcessName"/> matches names.</summary>
    public static IReadOnlyList<int> ProcessIdsNamed(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ProcFs.ProcessIds().Where(p => p != Environment.ProcessId && NameMatches(p, name)).ToList();
    }

    /// <summary>The processes of <paramref name="uid"/> that run .NET (their runtime library is mapped), this one aside.</summary>
    public static IReadOnlyList<int> DotNetProcessesOf(int uid) =>
        ProcFs.ProcessIds().Where(p => p != Environment.ProcessId && ProcFs.OwnerUid(p) == uid && ProcFs.IsProcess(p) && ProcFs.LoadsCoreClr(p) == true).ToList();

    /// <summary>A user name (from /etc/passwd) or a number as a uid; null for the user running aiotools.</summary>
    public static int UserId(string? user)
    {
        if (user is null)
        {
            return ProcFs.OwnUid();
        }

        if (int.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
        {
            return uid;
        }

        var entry = File.Exists("/etc/passwd") ? File.ReadLines("/etc/passwd").Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 2 && f[0] == user) : null;
        return entry is not null && int.TryParse(entry[2], NumberStyles.None, CultureInfo.InvariantCulture, out uid)
            ? uid
            : throw new AsyncIoToolsException(FailureKind.Usage, $"no user named '{user}'");
    }

    /// <summary>Checks one process and asks its runtime who it is; throws the matching failure otherwise.</summary>
    public static DotNetTarget Inspect(int processId)
    {
        if (processId <= 0 || !ProcFs.Exists(processId))
        {
            throw new AsyncIoToolsException(FailureKind.NoSuchProcess, $"no process with id {processId}");
        }

        if (ProcFs.ThreadGroupId(processId) is { } owner && owner != processId)
        {
            // /proc answers for thread ids too (hidden from its listing): without this a .NET process's thread
            // would read as that process with its endpoint missing.
            throw AsyncIoToolsException.ForSettings(
                FailureKind.NoSuchProcess,
                $"no process with id {processId}: it is a thread of process {owner} ({ProcFs.Name(owner)}); give {Setting.ProcessId} {owner}");
        }

        var name = ProcFs.Name(processId);
        if (ProcFs.IsZombie(processId))
        {
            throw new AsyncIoToolsException(FailureKind.TargetExited, $"process {processId} ({name}) has exited: it is a zombie its parent has not reaped yet, and nothing of it is left to attach to");
        }

        var startTime = ProcFs.StartTime(processId);
        var search = DiagnosticEndpoint.Search(processId);
        var endpoint = search.Live
            ?? AwaitEndpointOrExit(processId, name, startTime)
            ?? throw WhyNoEndpoint(processId, name, search.Stale);
        RuntimeInfo runtime;
        try
        {
            runtime = ProcessInfoQuery.Query(endpoint, QueryTimeout);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AccessDenied)
        {
            throw new AsyncIoToolsException(FailureKind.PermissionDenied, $"permission denied on the diagnostics endpoint of process {processId} ({name}): {OwnerText(processId)}", e);
        }
        catch (Exception e) when (e is SocketException or IpcErrorResponseException { IsUnknownCommand: false } or InvalidDataException or EndOfStreamException
            && Exited(processId, startTime))
        {
            throw ExitedBeforeAttach(processId, name, e);
        }
        catch (SocketException e)
        {
            throw new AsyncIoToolsException(FailureKind.NotDotNetProcess, $"process {processId} ({name}) does not answer on its diagnostics endpoint {endpoint}: {e.Message}", e);
        }
        catch (IpcErrorResponseException e) when (e.IsUnknownCommand)
        {
            throw new AsyncIoToolsException(FailureKind.RuntimeTooOld, $"process {processId} ({name}) runs a .NET runtime older than 6.0 (it does not know the ProcessInfo2 command); aiotools needs .NET 6 or later", e);
        }
        catch (Exception e) when (e is IpcErrorResponseException or InvalidDataException or EndOfStreamException)
        {
            throw new AsyncIoToolsException(FailureKind.NotDotNetProcess, $"process {processId} ({name}) gave an unexpected answer on its diagnostics endpoint: {e.Message}", e);
        }

        return new DotNetTarget(processId, FullName(name, runtime.EntryAssembly), endpoint, runtime);
    }

    /// <summary>The kernel cuts names at 15 characters; the runtime knows the entry assembly's whole name.</summary>
    private static string FullName(string comm, string entryAssembly) =>
        comm.Length == 15 && entryAssembly.StartsWith(comm, StringComparison.Ordinal) ? entryAssembly : comm;

    private static int ResolveProcessId(TargetOptions options)
    {
        if (options.ProcessId is { } id)
        {
            return id;
        }

        if (string.IsNullOrWhiteSpace(options.ProcessName))
        {
            throw AsyncIoToolsException.ForSettings(FailureKind.Usage, $"say which process to attach to: {Setting.ProcessId} PID or {Setting.Name} NAME");
        }

        var name = options.ProcessName;
        var matches = ProcFs.ProcessIds().Where(p => p != Environment.ProcessId && NameMatches(p, name)).ToList();
        return matches.Count switch
        {
            0 => throw new AsyncIoToolsException(FailureKind.NoSuchProcess, $"no process named '{name}'"),
            1 => matches[0],
            _ => throw AsyncIoToolsException.ForSettings(FailureKind.Usage, $"{matches.Count} processes are named '{name}' ({string.Join(", ", matches.Take(10))}); choose one with {Setting.ProcessId}"),
        };
    }

    /// <summary>The kernel keeps 15 characters of the name; an apphost's name is its entry assembly's.</summary>
    private static bool NameMatches(int processId, string name)
    {
        var comm = ProcFs.Name(processId);
        return string.Equals(comm, name, StringComparison.Ordinal)
            || (comm.Length == 15 && name.StartsWith(comm, StringComparison.Ordinal));
    }

    /// <summary>Whether the process has exited, or does within <see cref="ExitGrace"/> (we only wait when something failed).</summary>
    private static bool Exited(int processId, ulong? startTime) =>
        startTime is { } started ? WithinExitGrace(() => ProcFs.HasExited(processId, started)) : !ProcFs.Exists(processId);

    /// <summary>Asks <paramref name="done"/> every 20 ms for up to <see cref="ExitGrace"/>; true once it says so.</summary>
    private static bool WithinExitGrace(Func<bool> done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!done())
        {
            if (waited.Elapsed >= ExitGrace)
            {
                return false;
            }

            Thread.Sleep(20);
        }

        return true;
    }

    private static AsyncIoToolsException ExitedBeforeAttach(int processId, string name, Exception? inner = null) =>
        new(FailureKind.TargetExited, $"process {processId} ({name}) exited before aiotools could attach", inner);

    /// <summary>
    /// For a process without an endpoint that is still coming or going (the runtime mapped, or the kernel's exiting
    /// flag set), waits up to <see cref="ExitGrace"/>: an endpoint that appears (a runtime still starting) is
    /// answered with; an exit is <see cref="FailureKind.TargetExited"/>. Null when neither, or when there is no
    /// reason to wait, so the process is judged as it is.
    /// </summary>
    private static string? AwaitEndpointOrExit(int processId, string name, ulong? startTime)
    {
        if (startTime is not { } started)
        {
            return ProcFs.Exists(processId) ? null : throw ExitedBeforeAttach(processId, name);
        }

        if (DisabledSetting(processId) is not null || (ProcFs.LoadsCoreClr(processId) is not true && !ProcFs.IsExiting(processId)))
        {
            return null;
        }

        string? endpoint = null;
        var exited = false;
        WithinExitGrace(() => (exited = ProcFs.HasExited(processId, started)) || (endpoint = DiagnosticEndpoint.Find(processId)) is not null);
        return exited ? throw ExitedBeforeAttach(processId, name) : endpoint;
    }

    /// <summary>The environment setting that turned the runtime's diagnostics off, as NAME=0; null if none (or unreadable).</summary>
    private static string? DisabledSetting(int processId) =>
        ProcFs.Environment(processId)?
            .Where(v => v.Key is "DOTNET_EnableDiagnostics" or "COMPlus_EnableDiagnostics" or "DOTNET_EnableDiagnostics_IPC" && v.Value == "0")
            .Select(v => $"{v.Key}=0")
            .FirstOrDefault();

    private static AsyncIoToolsException WhyNoEndpoint(int processId, string name, IReadOnlyList<string> stale)
    {
        var disabled = DisabledSetting(processId);
        if (disabled is not null)
        {
            return new AsyncIoToolsException(FailureKind.DiagnosticsDisabled, $"process {processId} ({name}) runs .NET with diagnostics disabled ({disabled}); restart it without that setting to attach");
        }

        // Sockets with this id but another start time were left by earlier processes: named, never connected to.
        var leftOver = stale.Count switch
        {
            0 => string.Empty,
            1 => $"; {stale[0]} was left by an earlier process with the same id",
            _ => $"; {stale[0]} and {(stale.Count - 1).ToString(CultureInfo.InvariantCulture)} more were left by earlier processes with the same id",
        };
        switch (ProcFs.LoadsCoreClr(processId))
        {
            case true when stale.Count > 0:
                return new AsyncIoToolsException(FailureKind.DiagnosticsDisabled, $"process {processId} ({name}) runs .NET but its diagnostics endpoint is gone (removed, or never made: DOTNET_EnableDiagnostics=0){leftOver}");
            case true:
                return new AsyncIoToolsException(FailureKind.DiagnosticsDisabled, $"process {processId} ({name}) runs .NET but has no diagnostics endpoint; it was probably started with DOTNET_EnableDiagnostics=0");
            case false:
                return new AsyncIoToolsException(FailureKind.NotDotNetProcess, $"process {processId} ({name}) is not a .NET process (no .NET runtime loaded, no diagnostics endpoint{leftOver})");
        }

        // Its maps are closed to us (another user's, or it holds capabilities we lack): its threads' names are not,
        // and the runtime names its own. No such thread and no endpoint is not .NET, whoever owns it.
        if (!ProcFs.ThreadNames(processId).Any(t => t.StartsWith(".NET ", StringComparison.Ordinal)))
        {
            return new AsyncIoToolsException(FailureKind.NotDotNetProcess, $"process {processId} ({name}) is not a .NET process (no .NET runtime threads, no diagnostics endpoint{leftOver})");
        }

        return new AsyncIoToolsException(FailureKind.PermissionDenied, $"cannot inspect process {processId} ({name}): {OwnerText(processId)}");
    }

    private static string OwnerText(int processId)
    {
        var owner = ProcFs.OwnerUid(processId);
        return owner == ProcFs.OwnUid()
            ? "it runs as your user but keeps its /proc files closed to aiotools (it is not dumpable, or holds capabilities aiotools lacks); run aiotools with the same privileges"
            : $"it belongs to uid {owner.ToString(CultureInfo.InvariantCulture)} and aiotools runs as uid {ProcFs.OwnUid().ToString(CultureInfo.InvariantCulture)}; run aiotools as that user or as root";
    }
}
