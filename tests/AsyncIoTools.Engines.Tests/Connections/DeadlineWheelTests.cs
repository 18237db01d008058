using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Tests.Connections;

/// <summary>The loops' coarse timer: connections expire within a tick of their deadline, and only then.</summary>
public sealed class DeadlineWheelTests
{
    private static readonly ServerLimits Limits = ServerLimits.Default with
    {
        HeadTimeout = TimeSpan.FromSeconds(2),
        KeepAliveTimeout = TimeSpan.FromSeconds(130),
    };

    [Fact]
    public void Advance_PastAHeadDeadline_ExpiresTheConnectionWithinATick_AndNotBefore()
    {
        using var connection = new MachineHarness(Limits, now: 10_000);
        var wheel = new DeadlineWheel(10_000);
        wheel.Add(connection.Machine);
        var expired = new List<ConnectionMachine>();

        for (var now = 10_000L; now < 12_000; now += 50)
        {
            wheel.Advance(now, expired);
        }

        Assert.Empty(expired);
        wheel.Advance(12_000 + DeadlineWheel.TickMilliseconds, expired);
        Assert.Same(connection.Machine, Assert.Single(expired));
        Assert.Equal(LimitReason.HeadTimeout, connection.Machine.PendingExpiry);
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void Advance_AfterTheDeadlineMoved_FilesTheConnectionAgainUnderTheNewOne()
    {
        using var connection = new MachineHarness(Limits, now: 0);
        var wheel = new DeadlineWheel(0);
        wheel.Add(connection.Machine);
        var expired = new List<ConnectionMachine>();

        connection.Now = 1_000;
        connection.Feed("GET / HTTP/1.1\r\nHost: a\r\n\r\n"); // Answered: idle now, for the keep-alive timeout.
        for (var now = 0L; now <= 130_000; now += DeadlineWheel.TickMilliseconds)
        {
            wheel.Advance(now, expired);
        }

        Assert.Empty(expired);
        Assert.Equal(1, wheel.Count);
        wheel.Advance(131_000 + DeadlineWheel.TickMilliseconds, expired);
        Assert.Equal(LimitReason.KeepAliveTimeout, Assert.Single(expired).PendingExpiry);
    }

    [Fact]
    public void Remove_AConnectionThatClosed_IsNeverReported()
    {
        using var first = new MachineHarness(Limits, now: 0);
        using var second = new MachineHarness(Limits, now: 0);
        var wheel = new DeadlineWheel(0);
        wheel.Add(first.Machine);
        wheel.Add(second.Machine);
        var expired = new List<ConnectionMachine>();

        wheel.Remove(first.Machine);
        wheel.Remove(first.Machine);
        wheel.Advance(10_000, expired);

        Assert.Same(second.Machine, Assert.Single(expired));
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void WaitMilliseconds_EmptyWheel_WaitsForEver_ElseUntilTheNextTick()
    {
        using var connection = new MachineHarness(Limits, now: 1_100);
        var wheel = new DeadlineWheel(1_100);
        Assert.Equal(-1, wheel.WaitMilliseconds(1_100));
        Assert.False(wheel.IsDue(5_000));

        wheel.Add(connection.Machine);

        Assert.Equal(150, wheel.WaitMilliseconds(1_100));
        Assert.True(wheel.IsDue(1_250));
    }

    [Fact]
    public void Advance_ThousandsOfConnections_ExpiresEachOnceAtItsOwnTime()
    {
        var connections = Enumerable.Range(0, 5_000).Select(i => new MachineHarness(Limits, now: i)).ToList();
        try
        {
            var wheel = new DeadlineWheel(0);
            connections.ForEach(c => wheel.Add(c.Machine));
            var expired = new List<ConnectionMachine>();
            var seen = new HashSet<ConnectionMachine>();
            for (var now = 0L; now <= 10_000; now += 100)
            {
                wheel.Advance(now, expired);
                foreach (var machine in expired)
                {
                    Assert.True(seen.Add(machine));
                    Assert.True(machine.Deadline <= now && now - machine.Deadline < DeadlineWheel.TickMilliseconds + 100, $"deadline {machine.Deadline}, expired at {now}");
                }

                expired.Clear();
            }

            Assert.Equal(5_000, seen.Count);
        }
        finally
        {
            connections.ForEach(c => c.Dispose());
        }
    }
}
