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
}
