using AsyncIoTools.Failures;

namespace AsyncIoTools.Files;

/// <summary>Reads a file a user named as input: one that cannot be read is a one-line <see cref="FailureKind.BadInput"/>.</summary>
public static class InputFile
{
    public static string ReadAllText(string path, string what = "cannot read")
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AsyncIoToolsException(FailureKind.BadInput, $"{path}: {what} ({e.Message})");
        }
    }
}
