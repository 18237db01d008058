using System.Text;

namespace AsyncIoTools.Files;

/// <summary>
/// Writes a whole file or nothing: the content goes to a temporary file in the same folder, is flushed to disk,
/// then takes its final name. An existing file is never replaced.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; fails if the path exists.</summary>
    public static void WriteNew(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = Encoding.UTF8.GetBytes(content);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            // On Unix, Move without overwrite links then unlinks, so a file created meanwhile is never replaced.
            File.Move(temporary, full, overwrite: false);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// Writes under <paramref name="directory"/> as <paramref name="stem"/>.json, or stem-2.json, stem-3.json …
    /// when that name is taken; returns the path written.
    /// </summary>
    public static string WriteUnique(string directory, string stem, string extension, string content)
    {
        ArgumentNullException.ThrowIfNull(directory);
        for (var attempt = 1; attempt < 10_000; attempt++)
        {
            var name = attempt == 1 ? $"{stem}{extension}" : $"{stem}-{attempt}{extension}";
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                continue;
            }

            try
            {
                WriteNew(path, content);
                return path;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Someone took the name between the check and the move: try the next one.
            }
        }

        throw new IOException($"no free file name for {stem}{extension} in {directory}");
    }
}
