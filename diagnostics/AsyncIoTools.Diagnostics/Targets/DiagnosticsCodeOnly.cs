namespace AsyncIoTools.Diagnostics.Targets;

/// <summary>Why the diagnostics verbs' tables leave some <see cref="TargetOptions"/> properties to code: one reason, written once.</summary>
public static class DiagnosticsCodeOnly
{
    public const string LaunchCommand = "The app to start: the CLI's command after --, the module's -FilePath and -ArgumentList (Start-Process's spelling); no default.";

    public const string LaunchDirectory = "Where a started app runs: the CLI's current folder, PowerShell's current location; each face fills it in.";

    public const string DiagnosticPort = "This verb attaches to running processes only.";
}
