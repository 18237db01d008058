namespace AsyncIoTools.Reports.Formatting;

/// <summary>Recorded command lines as a person would type them: "/…/aiotools.dll bench …" → "aiotools bench …".</summary>
public static class CommandLines
{
    public static string Shorten(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var trimmed = commandLine.TrimStart();
        var end = trimmed.IndexOf(' ', StringComparison.Ordinal);
        var program = end < 0 ? trimmed : trimmed[..end];
        var name = Path.GetFileName(program);
        return name is "aiotools" or "aiotools.dll" or "aiotools.exe" ? "aiotools" + (end < 0 ? string.Empty : trimmed[end..]) : commandLine;
    }
}
