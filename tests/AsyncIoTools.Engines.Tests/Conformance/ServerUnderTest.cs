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
        return new ServerUnderTest(await ServerProcess.StartAsync(engine.Launch(), settings, cpus: null, timeout.Token), engine.Platform);
    }

    public RawClient Connect() => RawClient.Connect(EndPoint);

    public Task<EngineCounters> CountersAsync() => Process.ReadCountersAsync(CancellationToken.None);

    /// <summary>
    /// Descriptors the server process holds now: read from its /proc natively; under Wine, the handles the
    /// system's handle table lists for the Windows process (sockets included), as the server reports them — a
    /// Wine process's /proc shows only the few Unix descriptors Wine caches, not its handles.
    /// </summary>
    public async Task<int> OpenHandlesAsync() => _platform == ServerPlatform.Native
        ? ProcessSnapshot.Read(Process.ProcessId).OpenDescriptors
        : await Process.ReadOpenHandlesAsync(CancellationToken.None);

    /// <summary>Waits until the server's handle count is <paramref name="expected"/> (closes may lag the client a little).</summary>
    public async Task<int> WaitForHandlesAsync(int expected)
    {
        var count = await OpenHandlesAsync();
        for (var i = 0; i < 100 && count != expected; i++)
        {
            await Task.Delay(50);
            count = await OpenHandlesAsync();
        }

        return count;
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
