using System.Runtime.CompilerServices;
using AsyncIoTools.Engines.Hosting;
using System.Net;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>An engine serving in a child <c>aiotools serve --control</c> process, on a free loopback port.</summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);
    private readonly ServerPlatform _platform;

    private ServerUnderTest(ServerProcess process, ServerPlatform platform)
    {
        Process = process;
        _platform = platform;
    }

    public ServerProcess Process { get; }

    public IPEndPoint EndPoint => Process.EndPoint;

    public static async Task<ServerUnderTest> StartAsync(EngineCase engine, ProtocolSettings? protocol = null, int loops = 2, Func<ServerSettings, ServerSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var settings = new ServerSettings
        {
            Engine = engine.Engine,
            Variant = engine.Variant,
            Protocol = protocol ?? ProtocolSettings.Http,
            Endpoint = new IPEndPoint(IPAddress.Loopback, 0),
            Loops = loops,
        };
        settings = configure?.Invoke(settings) ?? settings;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return new ServerUnderTest(await ServerProcess.StartAsync(engine.LaunchOnPlatform(), settings, cpus: null, timeout.Token), engine.Platform);
    }

    public RawClient Connect() => RawClient.Connect(EndPoint);

    public Task<EngineCounters> CountersAsync() => Process.ReadCountersAsync(CancellationToken.None);

    /// <summary>
    /// The counters once <paramref name="done"/> holds of them (closes and refusals reach the server a little after
    /// the client's); fails naming <paramref name="what"/> if they never do.
    /// </summary>
    public Task<EngineCounters> CountersWhenAsync(Func<EngineCounters, bool> done, [CallerArgumentExpression(nameof(done))] string what = "", TimeSpan? timeout = null) =>
        Eventually.UntilAsync(CountersAsync, done, what, timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>
    /// Sends <paramref name="text"/> one byte per send, each once the server has counted the one before: the server
    /// reads every byte apart, which a pause between the sends could only make likely.
    /// </summary>
    public async Task SendByteByByteAsync(RawClient client, string text)
    {
        ArgumentNullException.ThrowIfNull(client);
        var received = (await CountersAsync()).BytesIn;
        foreach (var b in System.Text.Encoding.ASCII.GetBytes(text))
        {
            client.Send([b]);
            received++;
            var expected = received;
            await CountersWhenAsync(c => c.BytesIn >= expected, $"the server to read byte {expected} of a request sent byte by byte");
        }
    }

    /// <summary>Sends <paramref name="text"/> and returns once the server has read all of it.</summary>
    public async Task SendAndWaitReadAsync(RawClient client, string text)
    {
        ArgumentNullException.ThrowIfNull(client);
        var expected = (await CountersAsync()).BytesIn + System.Text.Encoding.ASCII.GetByteCount(text);
        client.Send(text);
        await CountersWhenAsync(c => c.BytesIn >= expected, $"the server to read the {text.Length} bytes just sent");
    }

    /// <summary>The descriptors the server process holds now, by number, with what each refers to (/proc/PID/fd).</summary>
    public IReadOnlyList<(int Number, string Target)> Descriptors() =>
        Directory.EnumerateFileSystemEntries($"/proc/{Process.ProcessId}/fd")
            .Select(path => (
                int.Parse(Path.GetFileName(path), System.Globalization.CultureInfo.InvariantCulture),
                new FileInfo(path).LinkTarget ?? "?"))
            .ToArray();

    /// <summary>
    /// The kernel objects (sockets, pipes, epoll, eventfd…) the server holds now. Natively, read from its
    /// /proc/PID/fd, leaving out files the runtime maps late; the names are every descriptor's target. Under Wine,
    /// as the server counts them itself over the control channel — the socket-like handles the system handle table
    /// lists for the Windows process — since a Wine process's /proc shows only the few Unix descriptors Wine caches.
    /// </summary>
    public async Task<KernelObjects> KernelObjectsAsync()
    {
        if (_platform == ServerPlatform.Wine)
        {
            return new KernelObjects(await Process.ReadOpenHandlesAsync(CancellationToken.None), []);
        }

        var descriptors = Descriptors();
        return new KernelObjects(descriptors.Count(d => !d.Target.StartsWith('/')), descriptors.Select(d => d.Target).ToArray());
    }

    /// <summary>The server's threads outside the runtime's pool, as it counts them itself (the same natively and under Wine).</summary>
    public Task<int> ThreadsAsync() => Process.ReadThreadsAsync(CancellationToken.None);

    /// <summary>
    /// Waits until the server holds no more than <paramref name="expected"/> kernel objects (closes may lag the
    /// client a little); fails naming the objects opened since <paramref name="before"/> if it never does.
    /// </summary>
    public Task<KernelObjects> WaitForKernelObjectsAsync(KernelObjects before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return Eventually.UntilAsync(
            KernelObjectsAsync,
            objects => objects.Count <= before.Count,
            $"the server's sockets, pipes and the like to fall back to the {before.Count} it held before",
            TimeSpan.FromSeconds(15),
            objects => $"{objects.Count}; new since: {string.Join(", ", objects.Names.Except(before.Names))}");
    }

    /// <summary>Stops the server; one that crashed, or did not stop cleanly, fails the test here.</summary>
    public async ValueTask DisposeAsync()
    {
        await Process.StopAsync(StopTimeout);
        var exitCode = Process.ExitCode;
        var errors = Process.StandardError;
        await Process.DisposeAsync();
        if (exitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"the server exited with code {exitCode} (0x{exitCode:X8}), not 0: {errors}");
        }
    }
}
