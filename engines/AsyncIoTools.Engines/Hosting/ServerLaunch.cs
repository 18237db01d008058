using AsyncIoTools.Failures;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Engines.Hosting;

/// <summary>
/// How to start <c>aiotools</c> as a child process: its apphost, the dotnet host with aiotools.dll, or another
/// launcher (Wine with the win-x64 build), with environment variables it needs on top of ours (null: removed).
/// </summary>
public sealed record ServerLaunch(string FileName, IReadOnlyList<string> PrefixArguments, IReadOnlyDictionary<string, string?>? EnvironmentVariables = null)
{
    /// <summary>
    /// This process if it is aiotools; else aiotools next to this assembly (the CLI's output, or a test's
    /// output folder that references it), run by the apphost or by the dotnet host that runs us.
    /// </summary>
    public static ServerLaunch Locate()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "aiotools")
        {
            return new ServerLaunch(self, []);
        }

        return Locate(AppContext.BaseDirectory);
    }

    /// <summary>
    /// aiotools in <paramref name="directory"/>: its apphost, or aiotools.dll run by the dotnet host. For hosts
    /// whose own folder is elsewhere (the PowerShell module keeps the CLI in a folder of its own).
    /// </summary>
    public static ServerLaunch Locate(string directory) =>
        DotnetHost.CommandFor(directory, "aiotools") is { } command
            ? new ServerLaunch(command.FileName, command.PrefixArguments)
            : throw new AsyncIoToolsException(FailureKind.RunFailed, $"cannot find aiotools to start the server (looked in {directory})");
}
