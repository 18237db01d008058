using System.Diagnostics;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Core.Tests;

public sealed class ProcFileTests
{
    [Fact]
    public void ReadAllText_ALiveProcess_IsItsFile()
    {
        Assert.StartsWith($"{Environment.ProcessId} (", ProcFile.ReadAllText(Environment.ProcessId, "stat"), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAllText_AReapedProcess_RaisesProcessGone()
    {
        using var process = Process.Start("true")!;
        process.WaitForExit();

        var gone = Assert.Throws<ProcessGoneException>(() => ProcFile.ReadAllText(process.Id, "status"));
        Assert.Equal(process.Id, gone.ProcessId);
    }

    [Fact]
    public void ReadToEnd_AProcessReapedAfterTheOpen_RaisesProcessGone_WhereAPlainReadSaysESRCH()
    {
        // The race a runner meets when a server is killed while it reads the server's /proc files.
        using var process = Process.Start(new ProcessStartInfo("sleep", "30") { RedirectStandardInput = true })!;
        using var plain = File.OpenRead($"/proc/{process.Id}/stat");
        using var ours = File.OpenRead($"/proc/{process.Id}/stat");
        process.Kill();
        process.WaitForExit(); // Reaped: the files stay open, the process is no more.

        var raw = Assert.ThrowsAny<IOException>(() => new StreamReader(plain).ReadToEnd());
        Assert.Equal(3, raw.HResult); // ESRCH, not a FileNotFoundException.
        var gone = Assert.Throws<ProcessGoneException>(() => ProcFile.ReadToEnd(ours, process.Id));
        Assert.Equal(process.Id, gone.ProcessId);
    }
}
