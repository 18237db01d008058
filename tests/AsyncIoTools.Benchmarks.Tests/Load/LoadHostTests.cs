using System.IO.Pipelines;
using System.Net;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Benchmarks.Tests.Load;

/// <summary>A shard's side of <see cref="LoadControl"/>: ready first, connections only when told.</summary>
public sealed class LoadHostTests
{
    [Fact]
    public async Task Shard_ConnectsOnlyWhenTold_ThenReportsItsRamp()
    {
        await using var server = EngineRegistry.Default.Create(new ServerSettings { Loops = 1, Endpoint = new IPEndPoint(IPAddress.Loopback, 0) });
        server.Start();
        var toShard = new Pipe();
        var fromShard = new Pipe();
        using var input = new StreamReader(toShard.Reader.AsStream());
        await using var writer = new StreamWriter(toShard.Writer.AsStream()) { AutoFlush = true };
        using var output = new StreamReader(fromShard.Reader.AsStream());
        await using var shardOut = new StreamWriter(fromShard.Writer.AsStream()) { AutoFlush = true };
        var shard = Task.Run(() => LoadHost.RunControlledAsync(new LoadOptions { Target = server.LocalEndPoint, Connections = 20 }, input, shardOut, CancellationToken.None));

        Assert.Equal(LoadControl.ReadyLine, await output.ReadLineAsync().WaitAsync(LineWait));
        // A shard that connected before the word would have done so by now: loopback connects take microseconds.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, server.ReadCounters().ConnectionsAccepted);

        await writer.WriteLineAsync(LoadControl.ConnectCommand);
        var ramp = LoadControl.ParseRamp(await output.ReadLineAsync().WaitAsync(LineWait) ?? string.Empty);
        await Eventually.UntilAsync(() => server.ReadCounters().ConnectionsAccepted, accepted => accepted == 20, "the server to accept the shard's 20 connections");

        Assert.Equal((20, 20), (ramp.Requested, ramp.Connected));
        writer.Close();
        await shard.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Shard_ToldAnotherWord_SaysWhatItExpectedAndConnectsNothing()
    {
        await using var server = EngineRegistry.Default.Create(new ServerSettings { Loops = 1, Endpoint = new IPEndPoint(IPAddress.Loopback, 0) });
        server.Start();

        var failure = await Assert.ThrowsAsync<AsyncIoToolsException>(() =>
            LoadHost.RunControlledAsync(new LoadOptions { Target = server.LocalEndPoint, Connections = 20 }, new StringReader("measure 1\n"), new StringWriter(), CancellationToken.None)
                .WaitAsync(LineWait));

        Assert.Equal(FailureKind.Usage, failure.Kind);
        Assert.Contains("expected 'connect'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("got 'measure 1'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.ReadCounters().ConnectionsAccepted);
    }

    [Fact]
    public async Task Shard_InputEndsBeforeTheWord_EndsWithoutConnecting()
    {
        await using var server = EngineRegistry.Default.Create(new ServerSettings { Loops = 1, Endpoint = new IPEndPoint(IPAddress.Loopback, 0) });
        server.Start();
        using var output = new StringWriter();

        await LoadHost.RunControlledAsync(new LoadOptions { Target = server.LocalEndPoint, Connections = 20 }, new StringReader(string.Empty), output, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([LoadControl.ReadyLine], output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Assert.Equal(0, server.ReadCounters().ConnectionsAccepted);
    }

    private static readonly TimeSpan LineWait = TimeSpan.FromSeconds(30);
}
