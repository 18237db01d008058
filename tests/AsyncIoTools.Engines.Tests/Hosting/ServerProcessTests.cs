using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Failures;
using AsyncIoTools.Engines.Hosting;

namespace AsyncIoTools.Engines.Tests.Hosting;

/// <summary>
/// The control channel when the server dies while answering: its cut-short last line is its exit, said as such.
/// CI once saw a server killed mid-answer end the whole bench as an internal error (a JsonException, exit 70).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ServerProcessTests
{
    [Fact]
    public async Task ReadCounters_ServerKilledWhileAnswering_SaysHowItExited()
    {
        await using var server = await StartFakeAsync("printf 'counters {\"limits\":'; kill -9 $$");

        var failure = await Assert.ThrowsAsync<AsyncIoToolsException>(() => server.ReadCountersAsync(CancellationToken.None));

        Assert.Equal(FailureKind.RunFailed, failure.Kind);
        Assert.Equal($"the server (process {server.ProcessId}) exited during the run (killed by signal 9)", failure.Message);
    }

    [Fact]
    public async Task ReadThreads_ServerExitingAfterACutAnswer_SaysItsExitCode()
    {
        await using var server = await StartFakeAsync("printf 'threads '; exit 7");

        var failure = await Assert.ThrowsAsync<AsyncIoToolsException>(() => server.ReadThreadsAsync(CancellationToken.None));

        Assert.Equal($"the server (process {server.ProcessId}) exited during the run (exit code 7)", failure.Message);
    }

    [Fact]
    public async Task ReadCounters_ALivingServerAnsweringGarbage_IsStillABug()
    {
        await using var server = await StartFakeAsync("echo 'counters {'; sleep 30");

        await Assert.ThrowsAsync<System.Text.Json.JsonException>(() => server.ReadCountersAsync(CancellationToken.None));
    }

    /// <summary>A stand-in server: says it listens, then answers the first command with <paramref name="answer"/>.</summary>
    private static Task<ServerProcess> StartFakeAsync(string answer) =>
        ServerProcess.StartAsync(
            new ServerLaunch("/bin/sh", ["-c", $"echo '{ServerControl.ListeningPrefix}127.0.0.1:9'; read command; {answer}"]),
            new ServerSettings(),
            cpus: null,
            CancellationToken.None);
}
