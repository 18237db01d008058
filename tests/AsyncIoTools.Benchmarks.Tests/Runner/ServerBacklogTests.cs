using System.Diagnostics;
using System.Globalization;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Hosting;

namespace AsyncIoTools.Benchmarks.Tests.Runner;

public sealed class ServerBacklogTests
{
    [Fact]
    public async Task ServerSettingsBacklog_ReachesTheChildServersListenCall()
    {
        await using var server = await ServerProcess.StartAsync(ServerLaunch.Locate(), new ServerSettings { Backlog = 7 }, cpus: null, CancellationToken.None);

        // ss shows a listening socket's backlog as its Send-Q.
        Assert.Equal(7, ListenBacklog(server.EndPoint.Port));
    }

    private static int ListenBacklog(int port)
    {
        var start = new ProcessStartInfo("ss", ["-ltnH", $"sport = :{port}"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var ss = Process.Start(start)!;
        var line = ss.StandardOutput.ReadToEnd().Trim();
        ss.WaitForExit();
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(fields.Length >= 3, $"ss printed: '{line}'");
        return int.Parse(fields[2], CultureInfo.InvariantCulture);
    }
}
