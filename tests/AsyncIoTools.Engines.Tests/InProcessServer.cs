using System.Net;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Engines.Tests.Conformance;

namespace AsyncIoTools.Engines.Tests;

/// <summary>An engine run inside the test process, for what a child process cannot show (its descriptors, its threads).</summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private InProcessServer(IServerEngine engine) => Engine = engine;

    public IServerEngine Engine { get; }

    public static InProcessServer Start(string engine, int loops = 1, string? variant = null)
    {
        var server = EngineRegistry.Default.Create(new ServerSettings
        {
            Engine = engine,
            Variant = variant,
            Protocol = ProtocolSettings.Http,
            Endpoint = new IPEndPoint(IPAddress.Loopback, 0),
            Loops = loops,
        });
        server.Start();
        return new InProcessServer(server);
    }

    public RawClient Connect() => RawClient.Connect(Engine.LocalEndPoint);

    /// <summary>Counters once <paramref name="done"/> holds of them (closes and refusals may lag the client a little); fails naming <paramref name="what"/> if it never does.</summary>
    public Task<EngineCounters> CountersWhenAsync(Func<EngineCounters, bool> done, string what) =>
        Eventually.UntilAsync(Engine.ReadCounters, done, what);

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
