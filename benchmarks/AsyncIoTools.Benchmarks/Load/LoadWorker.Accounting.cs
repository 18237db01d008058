using System.Diagnostics;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>Errors and timeouts, counted into the current window.</summary>
internal sealed partial class LoadWorker
{
    private void ScanTimeouts(long now)
    {
        if (now < _nextTimeoutScan)
        {
            return;
        }

        _nextTimeoutScan = now + (TimeoutScanMilliseconds * Stopwatch.Frequency / 1000);
        foreach (var connection in _connections)
        {
            if (connection.IsConnected && connection.Outstanding > 0
                && now - connection.SendTicks[connection.RingHead] > _timeoutTicks)
            {
                Fail(connection, LoadErrorKind.Timeout, now);
            }
        }
    }

    private void Fail(LoadConnection connection, LoadErrorKind kind, long now)
    {
        Count(kind);
        // A timeout is our own verdict, not the server's: a short one must not read as a refusal.
        Reconnect(connection, now, byServer: kind != LoadErrorKind.Timeout);
    }

    private void Count(LoadErrorKind kind)
    {
        if (_window is { } window)
        {
            window.Errors[(int)kind]++;
        }
    }
}
