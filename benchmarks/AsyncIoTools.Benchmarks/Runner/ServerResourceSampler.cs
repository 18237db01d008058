using System.Net;
using System.Net.Sockets;
using System.Text;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Processes;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>
/// Counts a server's kernel objects (sockets, pipes, epoll and io_uring instances: every descriptor that is not a
/// file) and threads before the load connected and after it has gone, into the result's <see cref="ServerResources"/>.
/// Both are the whole server's (its workers included), from /proc; the engine's threads are those outside the
/// runtime's pool, counted by a single-process server itself. The baseline is taken once the server has answered
/// one request, so that what the runtime opens or starts at its first request is in it.
/// </summary>
public static class ServerResourceSampler
{
    /// <summary>The server's state before the load: one request answered on a connection of its own, then counted.</summary>
    public static async Task<Baseline> BaselineAsync(ServerProcess server, BenchmarkScenario scenario, int workers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(scenario);
        await PrimeAsync(server.EndPoint, scenario, cancellationToken);
        await SettleAsync(server, cancellationToken);
        return new Baseline(KernelObjects(server.ProcessId), server.SnapshotTree().Threads, await EngineThreadsAsync(server, workers, cancellationToken));
    }

    /// <summary>Once the load has closed its connections: waits (up to 15 s) for the server to let go of what it held, then counts.</summary>
    public static async Task<ServerResources> AfterLoadAsync(ServerProcess server, Baseline baseline, int workers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(baseline);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        var counters = await server.ReadCountersAsync(cancellationToken);
        var objects = KernelObjects(server.ProcessId);
        var threads = await EngineThreadsAsync(server, workers, cancellationToken);
        while (DateTime.UtcNow < deadline
            && (counters.ConnectionsClosed < counters.ConnectionsAccepted || objects > baseline.KernelObjects || threads > baseline.EngineThreads + ServerResources.RuntimeThreadSlack))
        {
            await Task.Delay(200, cancellationToken);
            counters = await server.ReadCountersAsync(cancellationToken);
            objects = KernelObjects(server.ProcessId);
            threads = await EngineThreadsAsync(server, workers, cancellationToken);
        }

        return new ServerResources(baseline.KernelObjects, objects, baseline.Threads, server.SnapshotTree().Threads, baseline.EngineThreads, threads, counters.ConnectionsAccepted - counters.ConnectionsClosed);
    }

    /// <summary>Descriptors of the server and its workers that are not files (a leak is a socket, pipe or ring left open).</summary>
    private static int KernelObjects(int processId) =>
        ProcessSnapshot.Descendants(processId).Prepend(processId).Sum(pid =>
        {
            try
            {
                return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count(fd => new FileInfo(fd).LinkTarget is { } target && !target.StartsWith('/'));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return 0; // A worker that just exited.
            }
        });

    private static async Task<int?> EngineThreadsAsync(ServerProcess server, int workers, CancellationToken cancellationToken) =>
        workers > 1 ? null : await server.ReadThreadsAsync(cancellationToken);

    private static async Task SettleAsync(ServerProcess server, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 50; i++)
        {
            var counters = await server.ReadCountersAsync(cancellationToken);
            if (counters.ConnectionsClosed >= counters.ConnectionsAccepted)
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>One request as the scenario's clients send it, on a connection closed after the answer.</summary>
    private static async Task PrimeAsync(IPEndPoint endPoint, BenchmarkScenario scenario, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(endPoint, timeout.Token);
        var echo = scenario.Protocol == ProtocolKind.Echo;
        var request = echo ? new byte[scenario.MessageBytes] : Encoding.ASCII.GetBytes($"GET {scenario.Path} HTTP/1.1\r\nHost: prime\r\nConnection: close\r\n\r\n");
        await socket.SendAsync(request, SocketFlags.None, timeout.Token);
        var buffer = new byte[64 * 1024];
        var received = 0L;
        while (echo ? received < request.Length : true)
        {
            var count = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (count == 0)
            {
                break;
            }

            received += count;
        }
    }

    /// <summary>What <see cref="AfterLoadAsync"/> compares with.</summary>
    public sealed record Baseline(int KernelObjects, int Threads, int? EngineThreads);
}
