namespace AsyncIoTools.Engines.Connections;

/// <summary>One loop's pause in accepting (<see cref="AcceptPolicy.PauseMilliseconds"/>), on the loop's clock.</summary>
internal sealed class AcceptPause
{
    private long _until;

    public bool Paused => _until != 0;

    public void Begin(long now) => _until = now + AcceptPolicy.PauseMilliseconds;

    /// <summary>True once, when the pause is over: the loop then accepts again.</summary>
    public bool EndsBy(long now)
    {
        if (_until == 0 || now < _until)
        {
            return false;
        }

        _until = 0;
        return true;
    }

    /// <summary>How long the loop may wait before the pause ends; -1 when not paused.</summary>
    public int WaitMilliseconds(long now) => _until == 0 ? -1 : (int)Math.Clamp(_until - now, 0, AcceptPolicy.PauseMilliseconds);

    /// <summary>How long a loop may wait: until the pause ends or <paramref name="wheel"/>'s next slot, whichever comes first; -1: for ever.</summary>
    public int WaitMilliseconds(long now, DeadlineWheel wheel)
    {
        ArgumentNullException.ThrowIfNull(wheel);
        var pause = WaitMilliseconds(now);
        var deadlines = wheel.WaitMilliseconds(now);
        return pause < 0 ? deadlines : deadlines < 0 ? pause : Math.Min(pause, deadlines);
    }
}
