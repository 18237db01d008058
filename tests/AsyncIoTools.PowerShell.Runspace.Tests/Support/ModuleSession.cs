using System.Collections.ObjectModel;
using System.Management.Automation.Runspaces;
using System.Reflection;
using PowerShellHost = System.Management.Automation.PowerShell;

namespace AsyncIoTools.PowerShell.Runspace.Tests.Support;

/// <summary>
/// A real PowerShell runspace in the test process with the laid-out module imported by path, as a user's pwsh
/// imports it. One per test class (xunit class fixture); each call runs a script in it and returns what it wrote.
/// </summary>
public sealed class ModuleSession : IDisposable
{
    private readonly System.Management.Automation.Runspaces.Runspace _runspace;

    public ModuleSession()
    {
        var state = InitialSessionState.CreateDefault2();
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        Run($"Import-Module '{ModuleFolder}' -ErrorAction Stop");
    }

    public static string Configuration { get; } =
        typeof(ModuleSession).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public static string Root => RepositoryLayout.Root;

    public static string ModuleFolder => Path.Combine(Root, "artifacts", "module", Configuration, "AsyncIoTools");

    /// <summary>Runs <paramref name="script"/>; a terminating error throws (a RuntimeException carrying its ErrorRecord).</summary>
    public Collection<PSObject> Run(string script) => Run(script, out _);

    /// <summary>Runs <paramref name="script"/>, giving back the non-terminating errors it wrote.</summary>
    public Collection<PSObject> Run(string script, out IReadOnlyList<ErrorRecord> errors)
    {
        using var shell = Shell(script);
        var output = shell.Invoke();
        errors = shell.Streams.Error.ToList();
        return output;
    }

    /// <summary>A PowerShell on this session's runspace, with <paramref name="script"/> added, to invoke or start asynchronously.</summary>
    public PowerShellHost Shell(string script)
    {
        var shell = PowerShellHost.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script, useLocalScope: true);
        return shell;
    }

    /// <summary>
    /// The ErrorRecord of the error that stops <paramref name="script"/> when run with <c>-ErrorAction Stop</c>
    /// semantics (<c>$ErrorActionPreference = 'Stop'</c>), as a script's <c>try</c>/<c>catch</c> would see it.
    /// </summary>
    public ErrorRecord Failure(string script)
    {
        var thrown = Assert.ThrowsAny<RuntimeException>(() => Run("$ErrorActionPreference = 'Stop'; " + script));
        return thrown.ErrorRecord;
    }

    public void Dispose() => _runspace.Dispose();

    /// <summary>Starts the misbehaving diagnostics target (it exits when its standard input closes) once it says it is ready.</summary>
    public static System.Diagnostics.Process StartLagTarget(string mode = "none")
    {
        var path = RepositoryLayout.TargetBinary("AsyncIoTools.LagTarget");
        var target = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(path, ["--mode", mode])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        Assert.Contains("ready", target.StandardOutput.ReadLine(), StringComparison.Ordinal);
        return target;
    }

    public static void Stop(System.Diagnostics.Process target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.StandardInput.Close();
        if (!target.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            target.Kill();
        }

        target.Dispose();
    }
}
