using System.Diagnostics;

namespace AsyncIoTools.Diagnostics.Tests.Support;

/// <summary>A process that is not .NET (coreutils' sleep), for the not-a-.NET-process cases.</summary>
public sealed class PlainProcess : IDisposable
{
    private readonly Process _process;

    private PlainProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    /// <summary>The process id as a command line gives it (<c>-p 1234</c>).</summary>
    public string ProcessIdArgument => ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static PlainProcess Sleep() => new(Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!);

    public void Dispose() => TestProcesses.Stop(_process);
}
