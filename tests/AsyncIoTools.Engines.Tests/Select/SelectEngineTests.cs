using System.Net.Sockets;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Tests.Conformance;
using AsyncIoTools.Engines.Sockets;

[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Naming",
    "CA1716:Identifiers should not match keywords",
    Scope = "namespace",
    Target = "~N:AsyncIoTools.Engines.Tests.Select",
    Justification = "Test folders mirror the engine folders, named after their system call; Select is a keyword only in Visual Basic.")]

namespace AsyncIoTools.Engines.Tests.Select;

/// <summary>
/// select's ceiling, exercised for real: the test process fills every descriptor number below FD_SETSIZE, so
/// the next connection the engine accepts is numbered past it.
/// </summary>
public sealed class SelectEngineTests
{
    [Fact]
    public async Task Accept_DescriptorPastFdSetSize_IsRefusedAndCountedWhileOthersAreServed()
    {
        await using var server = InProcessServer.Start("select");
        using var early = server.Connect();
        early.Send(RawClient.Get());
        Assert.Equal(200, early.ReadResponse().Status);

        // Made now, so that its own descriptor is not the one the filling below would leave free.
        using var late = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var fillers = FillDescriptorsBelowFdSetSize();
        try
        {
            await late.ConnectAsync(server.Engine.LocalEndPoint);
            var refused = await server.CountersWhenAsync(c => c.ConnectionsRefused > 0, "a connection refused past FD_SETSIZE");
            Assert.Equal(1, refused.ConnectionsRefused);
            Assert.Equal(1, refused.ConnectionsAccepted);
            Assert.Equal(0, await late.ReceiveAsync(new byte[64]));

            early.Send(RawClient.Get());
            Assert.Equal(200, early.ReadResponse().Status);
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }

        using var after = server.Connect();
        after.Send(RawClient.Get());
        Assert.Equal(200, after.ReadResponse().Status);
        Assert.Equal(2, server.Engine.ReadCounters().ConnectionsAccepted);
    }

    /// <summary>Opens socket pairs until one lands past FD_SETSIZE: every number below it is then taken.</summary>
    private static List<NativeSocket> FillDescriptorsBelowFdSetSize()
    {
        var fillers = new List<NativeSocket>();
        while (true)
        {
            var (first, second) = NativeSocket.CreatePair();
            fillers.Add(first);
            fillers.Add(second);
            if (!DescriptorSet.CanHold(second))
            {
                return fillers;
            }
        }
    }
}
