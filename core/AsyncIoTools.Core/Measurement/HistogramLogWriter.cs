using System.Globalization;
using System.Text;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Measurement;

/// <summary>
/// Writes an HdrHistogram interval log (.hlog, format 1.3, as wrk2, jHiccup and HdrHistogram's log tools read it):
/// a header with <c>#[StartTime]</c> and <c>#[BaseTime]</c>, then one line per interval,
/// <c>Tag=TAG,START,LENGTH,MAX,BASE64</c>, START in seconds after the base time, MAX in milliseconds (values are
/// nanoseconds; the conventional divisor of 10^6), BASE64 the V2 compressed histogram. Each line is flushed as it
/// is written, so a log cut short by Ctrl+C keeps every interval that closed. An existing file is never replaced.
/// </summary>
public sealed class HistogramLogWriter : IDisposable
{
    /// <summary>Values are nanoseconds; the Interval_Max column is in milliseconds, as HdrHistogram's tools expect.</summary>
    public const double MaxValueDivisor = 1_000_000.0;

    private readonly TextWriter _writer;
    private readonly Lock _gate = new();

    private HistogramLogWriter(TextWriter writer, string? path)
    {
        _writer = writer;
        Path = path;
    }

    /// <summary>The file written, or null for a writer over a caller's text writer.</summary>
    public string? Path { get; }

    public int Intervals { get; private set; }

    /// <summary>Creates <paramref name="path"/> (never over an existing file) and writes the header.</summary>
    public static HistogramLogWriter Create(string path, DateTimeOffset startTime, string comment)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = System.IO.Path.GetFullPath(path);
        FileStream stream;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            stream = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        }
        catch (IOException) when (File.Exists(full))
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"{path} already exists; aiotools never overwrites a histogram log");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"cannot write {path}: {e.Message}", e);
        }

        var writer = new HistogramLogWriter(new StreamWriter(stream, new UTF8Encoding(false)), full);
        writer.WriteHeader(startTime, comment);
        return writer;
    }

    /// <summary>A log written to <paramref name="writer"/> (tests, standard output).</summary>
    public static HistogramLogWriter Over(TextWriter writer, DateTimeOffset startTime, string comment)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var log = new HistogramLogWriter(writer, null);
        log.WriteHeader(startTime, comment);
        return log;
    }

    /// <summary>
    /// One interval: <paramref name="startSeconds"/> after the log's start, <paramref name="lengthSeconds"/> long.
    /// A tag names the series (a trial, a process); HdrHistogram forbids commas and white space in it, so those
    /// become underscores.
    /// </summary>
    public void WriteInterval(string? tag, double startSeconds, double lengthSeconds, LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{(tag is null ? string.Empty : "Tag=" + SafeTag(tag) + ",")}{startSeconds:0.000},{lengthSeconds:0.000},{(histogram.TotalCount == 0 ? 0 : histogram.Max) / MaxValueDivisor:0.000},{HdrHistogramEncoding.EncodeCompressedBase64(histogram)}");
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
            Intervals++;
        }
    }

    public static string SafeTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return new string(tag.Select(c => c == ',' || char.IsWhiteSpace(c) ? '_' : c).ToArray());
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Flush();
            if (Path is not null)
            {
                _writer.Dispose();
            }
        }
    }

    private void WriteHeader(DateTimeOffset startTime, string comment)
    {
        var seconds = startTime.ToUnixTimeMilliseconds() / 1000.0;
        _writer.WriteLine($"#{comment.ReplaceLineEndings(" ")}");
        _writer.WriteLine("#[Histogram log format version 1.3]");
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#[StartTime: {seconds:0.000} (seconds since epoch), {startTime.UtcDateTime:ddd MMM dd HH:mm:ss UTC yyyy}]"));
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#[BaseTime: {seconds:0.000} (seconds since epoch)]"));
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#[MaxValueDivisor: {MaxValueDivisor:0.0}]"));
        _writer.WriteLine("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"");
        _writer.Flush();
    }
}
