using System.Diagnostics;

namespace AsyncIoTools.Processes;

/// <summary>
/// What a child process of ours writes on stderr, gathered line by line as it comes (the event fires on a pool
/// thread), to quote when the child fails.
/// </summary>
public sealed class StderrCapture
{
    private readonly List<string> _lines = [];

    /// <summary>Starts gathering the stderr of <paramref name="process"/>, which must redirect it and have started.</summary>
    public static StderrCapture Of(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var capture = new StderrCapture();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (capture._lines)
                {
                    capture._lines.Add(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        return capture;
    }

    /// <summary>Everything so far, trimmed.</summary>
    public string Text
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines).Trim();
            }
        }
    }

    /// <summary>The last <paramref name="count"/> lines that hold anything, trimmed: for a one-line message.</summary>
    public IReadOnlyList<string> Tail(int count)
    {
        lock (_lines)
        {
            return _lines.Where(line => !string.IsNullOrWhiteSpace(line)).TakeLast(count).Select(line => line.Trim()).ToList();
        }
    }
}
