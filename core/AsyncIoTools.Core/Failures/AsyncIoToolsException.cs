using System.Globalization;

namespace AsyncIoTools.Failures;

/// <summary>
/// An expected failure with a one-line message meant for the person at the terminal: no stack trace is shown.
/// Anything else that escapes an operation is a bug and is reported as one. A failure that names settings
/// (<see cref="ForSettings"/>) keeps them abstract, and each face renders them its own way (<see cref="MessageFor"/>).
/// </summary>
public sealed class AsyncIoToolsException : Exception
{
    private readonly FormattableString? _template;

    public AsyncIoToolsException(FailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public AsyncIoToolsException()
        : this(FailureKind.RunFailed, "The operation failed.")
    {
    }

    public AsyncIoToolsException(string message)
        : this(FailureKind.RunFailed, message)
    {
    }

    public AsyncIoToolsException(string message, Exception innerException)
        : this(FailureKind.RunFailed, message, innerException)
    {
    }

    private AsyncIoToolsException(FailureKind kind, FormattableString template)
        : base(Render(template, SettingNames.Words))
    {
        Kind = kind;
        _template = template;
        Settings = template.GetArguments().OfType<Setting>().Distinct().ToArray();
    }

    public FailureKind Kind { get; }

    /// <summary>The settings the message names, first named first (empty when it names none).</summary>
    public IReadOnlyList<Setting> Settings { get; } = [];

    /// <summary>
    /// A failure whose message names settings: every <see cref="Setting"/> interpolated into
    /// <paramref name="message"/> stays abstract until a face renders it, e.g.
    /// <c>ForSettings(FailureKind.Usage, $"{Setting.Interval} must be at least 100ms")</c>.
    /// </summary>
    public static AsyncIoToolsException ForSettings(FailureKind kind, FormattableString message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new AsyncIoToolsException(kind, message);
    }

    /// <summary>The message with each setting spelled as <paramref name="spelling"/> says (a face's own: <c>--interval</c>, <c>-Interval</c>).</summary>
    public string MessageFor(Func<Setting, string> spelling)
    {
        ArgumentNullException.ThrowIfNull(spelling);
        return _template is null ? Message : Render(_template, spelling);
    }

    private static string Render(FormattableString template, Func<Setting, string> spelling) =>
        string.Format(CultureInfo.InvariantCulture, template.Format, template.GetArguments().Select(a => a is Setting s ? spelling(s) : a).ToArray());
}
