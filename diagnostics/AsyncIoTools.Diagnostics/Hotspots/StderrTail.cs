namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>The last few lines a helper wrote to stderr, to quote when it dies without an answer.</summary>
internal sealed class StderrTail
{
    private const int Keep = 3;
    private readonly Queue<string> _lines = new();

    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line.Trim());
            if (_lines.Count > Keep)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>": line; line" or nothing.</summary>
    public string Describe()
    {
        lock (_lines)
        {
            return _lines.Count == 0 ? string.Empty : ": " + string.Join("; ", _lines);
        }
    }
}
