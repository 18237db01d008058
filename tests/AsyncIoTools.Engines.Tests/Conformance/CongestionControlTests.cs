using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Tests.Sockets;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>
/// A server told a TCP congestion control serves every connection with it, whichever engine and however many
/// worker processes; one the kernel lacks stops the server before it listens, naming what the kernel has.
/// </summary>
public sealed class CongestionControlTests
{
    /// <summary>Every engine that runs natively here (iocp refuses the option: TCP_CONGESTION is Linux's).</summary>
    public static TheoryData<EngineCase> NativeEngines()
    {
        var data = new TheoryData<EngineCase>();
        foreach (var engine in EngineRegistry.Default.Engines.Where(e => e.Name != AsyncIoTools.Engines.Iocp.IocpEngine.Definition.Name))
        {
            data.Add(new EngineCase(engine.Name, engine.DefaultVariant.Name));
        }

        return data;
    }

    [EngineTheory]
    [MemberData(nameof(NativeEngines))]
    public async Task AcceptedConnections_UseTheControlAsked(EngineCase engine)
    {
        var control = TcpCongestion.OtherThanTheDefault();
        await using var server = await ServerUnderTest.StartAsync(engine, configure: s => s with { Tuning = s.Tuning with { CongestionControl = control } });
        using var client = server.Connect();
        client.Send(RawClient.Get());
        Assert.Equal(200, client.ReadResponse().Status);

        Assert.Equal(control, TcpCongestion.ServerEnd(server.EndPoint.Port, client.LocalPort));
    }

    [Fact]
    public async Task WorkerProcesses_EachUseTheControlAsked()
    {
        var control = TcpCongestion.OtherThanTheDefault();
        await using var server = await ServerUnderTest.StartAsync(
            new EngineCase("epoll", "level"), loops: 1, configure: s => s with { Workers = 2, Tuning = s.Tuning with { CongestionControl = control } });

        // Each worker opens its own listener (the option travels on its command line); SO_REUSEPORT spreads
        // connections between them by hash, so eight reach both but for a 1-in-128 chance.
        var clients = Enumerable.Range(0, 8).Select(_ => server.Connect()).ToList();
        try
        {
            foreach (var client in clients)
            {
                client.Send(RawClient.Get());
                Assert.Equal(200, client.ReadResponse().Status);
                Assert.Equal(control, TcpCongestion.ServerEnd(server.EndPoint.Port, client.LocalPort));
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Theory]
    [InlineData("epoll")]
    [InlineData("dotnet")]
    public async Task AControlTheKernelLacks_StopsTheServerNamingTheOnesItHas(string engine)
    {
        var failure = await Assert.ThrowsAsync<AsyncIoToolsException>(() => ServerUnderTest.StartAsync(
            new EngineCase(engine, EngineRegistry.Default.Resolve(engine, null).Variant.Name),
            configure: s => s with { Tuning = s.Tuning with { CongestionControl = "nosuchcc" } }));

        Assert.Equal(FailureKind.Usage, failure.Kind);
        var available = string.Join(", ", AsyncIoTools.Engines.Sockets.CongestionControls.Listed("net.ipv4.tcp_available_congestion_control"));
        Assert.Equal(
            $"this kernel has no TCP congestion control 'nosuchcc' (--congestion-control); it has: {available} (net.ipv4.tcp_available_congestion_control; a module such as tcp_nosuchcc may add one)",
            failure.MessageFor(s => "--" + SettingNames.Kebab(s)));
    }

    /// <summary>The iocp engine where it runs (Windows, or Wine here).</summary>
    public static TheoryData<EngineCase> Iocp()
    {
        var iocp = AsyncIoTools.Engines.Iocp.IocpEngine.Definition;
        return [new EngineCase(iocp.Name, iocp.DefaultVariant.Name, OperatingSystem.IsWindows() ? ServerPlatform.Native : ServerPlatform.Wine)];
    }

    [EngineTheory]
    [MemberData(nameof(Iocp))]
    public async Task TheIocpEngine_RefusesInOneLine_RatherThanIgnoringIt(EngineCase engine)
    {
        var failure = await Assert.ThrowsAsync<AsyncIoToolsException>(() => ServerUnderTest.StartAsync(
            engine, configure: s => s with { Tuning = s.Tuning with { CongestionControl = "cubic" } }));

        Assert.Equal(FailureKind.Usage, failure.Kind);
        Assert.Equal("the iocp engine cannot choose a congestion control (-CongestionControl): TCP_CONGESTION is a Linux option", failure.MessageFor(s => "-" + s));
    }

    [Fact]
    public void AMalformedName_IsRefusedBeforeAnySocketIsOpened()
    {
        var settings = new ServerSettings { Engine = "epoll", Tuning = new SocketTuning { CongestionControl = "tcp-cubic" } };

        var failure = Assert.Throws<AsyncIoToolsException>(() => EngineRegistry.Default.Create(settings));

        Assert.Equal(FailureKind.Usage, failure.Kind);
        Assert.Equal("--congestion-control: a congestion control is named by 1 to 15 letters, digits or '_' (got 'tcp-cubic')", failure.MessageFor(s => "--" + SettingNames.Kebab(s)));
    }
}
