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
    private ServerUnderTest(ServerProcess process) => Process = process;

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
        return new ServerUnderTest(await ServerProcess.StartAsync(EngineCase.Launch(), settings, cpus: null, timeout.Token));
    }

    public RawClient Connect() => RawClient.Connect(EndPoint);

    public Task<EngineCounters> CountersAsync() => Process.ReadCountersAsync(CancellationToken.None);

    /// <summary>Descriptors the server process holds now.</summary>
    public int OpenDescriptors() => ProcessSnapshot.Read(Process.ProcessId).OpenDescriptors;

    /// <summary>The descriptors the server process holds now, by number, with what each refers to (/proc/PID/fd).</summary>
    public IReadOnlyList<(int Number, string Target)> Descriptors() =>
        Directory.EnumerateFileSystemEntries($"/proc/{Process.ProcessId}/fd")
            .Select(path => (
                int.Parse(Path.GetFileName(path), System.Globalization.CultureInfo.InvariantCulture),
                new FileInfo(path).LinkTarget ?? "?"))
            .ToArray();

    /// <summary>Waits until the server's descriptor count is <paramref name="expected"/> (closes may lag the client a little).</summary>
    public async Task<int> WaitForDescriptorsAsync(int expected)
    {
        var count = OpenDescriptors();
        for (var i = 0; i < 100 && count != expected; i++)
        {
            await Task.Delay(50);
            count = OpenDescriptors();
        }

        return count;
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
