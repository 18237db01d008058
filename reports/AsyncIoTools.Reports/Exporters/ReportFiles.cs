using System.Text;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Reports.Exporters;

/// <summary>
/// Writes a rendered report: charts first, then the markdown that links them, each through a temporary file and a
/// rename, so that a reader never sees half a file. Reports are meant to be regenerated: existing files are replaced.
/// </summary>
public static class ReportFiles
{
    public static IReadOnlyList<string> Write(ReportOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.MainPath is null)
        {
            return [];
        }

        var written = new List<string>();
        foreach (var artifact in output.Companions)
        {
            Replace(artifact.Path, artifact.Content);
            written.Add(artifact.Path);
        }

        Replace(output.MainPath, output.Text);
        written.Add(output.MainPath);
        return written;
    }

    private static void Replace(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(temporary, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AsyncIoToolsException(FailureKind.BadInput, $"{path}: cannot write the report ({e.Message})");
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
