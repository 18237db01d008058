namespace AsyncIoTools.Engines.Connections;

/// <summary>
/// A coarse hashed timing wheel of connections, one per loop (or one per server, behind <see cref="SharedDeadlines"/>):
/// 256 slots of 250 ms. A connection is filed once, when it opens, under the slot of its deadline, and unlinked
/// when it closes; the machine moves its deadline as the connection goes on with a plain store, and the wheel
/// looks again only when the slot it sits in comes due — then the connection is either expired or filed again
/// under its current deadline. So a request costs no wheel work at all, and a tick costs the connections whose
/// slot has come, not all of them. Deadlines past the wheel's 64 s horizon are filed at its end and go round again.
/// </summary>
internal sealed class DeadlineWheel
{
    public const int TickMilliseconds = 250;
    private const int Slots = 256;

    private readonly ConnectionMachine?[] _slots = new ConnectionMachine?[Slots];
    private long _tick;

    public DeadlineWheel(long now) => _tick = now / TickMilliseconds;

    public int Count { get; private set; }

    public void Add(ConnectionMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (machine.WheelSlot >= 0)
        {
            throw new InvalidOperationException("the connection is already in the wheel");
        }

        Link(machine);
        Count++;
    }

    /// <summary>Takes out a connection that closes; nothing if it is not in (it expired, or never was).</summary>
    public void Remove(ConnectionMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (machine.WheelSlot < 0)
        {
            return;
        }

        Unlink(machine);
        Count--;
    }

    /// <summary>True when a slot has come due: call <see cref="Advance"/>.</summary>
    public bool IsDue(long now) => Count > 0 && now >= (_tick + 1) * TickMilliseconds;

    /// <summary>How long a loop may wait before the next slot comes due; -1 when the wheel is empty.</summary>
    public int WaitMilliseconds(long now) => Count == 0 ? -1 : (int)Math.Clamp(((_tick + 1) * TickMilliseconds) - now, 0, TickMilliseconds);

    /// <summary>
    /// Brings the wheel to <paramref name="now"/>: each connection in a slot that came due is either past its deadline
    /// — taken out, its <see cref="ConnectionMachine.PendingExpiry"/> set, and added to <paramref name="expired"/> —
    /// or filed again under its deadline.
    /// </summary>
    public void Advance(long now, List<ConnectionMachine> expired)
    {
        ArgumentNullException.ThrowIfNull(expired);
        var target = now / TickMilliseconds;
        if (target - _tick > Slots)
        {
            _tick = target - Slots; // Every slot is visited once below, so nothing is skipped.
        }

        while (_tick < target)
        {
            _tick++;
            var index = (int)(_tick % Slots);
            var machine = _slots[index];
            _slots[index] = null;
            while (machine is not null)
            {
                var next = machine.WheelNext;
                machine.WheelNext = machine.WheelPrevious = null;
                machine.WheelSlot = -1;
                if (machine.Deadline <= now && machine.Expire(now) is { } reason)
                {
                    machine.PendingExpiry = reason;
                    expired.Add(machine);
                    Count--;
                }
                else
                {
                    Link(machine);
                }

                machine = next;
            }
        }
    }

    private void Link(ConnectionMachine machine)
    {
        // The first tick at or after the deadline, at least the next one, at most the wheel's horizon.
        var due = Math.Clamp((machine.Deadline + TickMilliseconds - 1) / TickMilliseconds, _tick + 1, _tick + Slots - 1);
        var index = (int)(due % Slots);
        machine.WheelSlot = index;
        machine.WheelPrevious = null;
        machine.WheelNext = _slots[index];
        if (machine.WheelNext is { } head)
        {
            head.WheelPrevious = machine;
        }

        _slots[index] = machine;
    }

    private void Unlink(ConnectionMachine machine)
    {
        if (machine.WheelPrevious is { } previous)
        {
            previous.WheelNext = machine.WheelNext;
        }
        else
        {
            _slots[machine.WheelSlot] = machine.WheelNext;
        }

        if (machine.WheelNext is { } next)
        {
            next.WheelPrevious = machine.WheelPrevious;
        }

        machine.WheelNext = machine.WheelPrevious = null;
        machine.WheelSlot = -1;
    }
}
