namespace AsyncIoTools.Cli.Rendering;

/// <summary>
/// Where a command's results go, in the one format the host chose (<see cref="OutputRenderers.Create"/>): the
/// command hands over objects and a <see cref="View{T}"/> of each, never looks at the format, and never writes to
/// standard output itself. Rows stream as they are measured; a document is a command's result.
/// </summary>
public interface IOutputRenderer
{
    /// <summary>Whether people read this output (text, markdown), so that long runs show progress on standard error.</summary>
    bool ForPeople { get; }

    /// <summary>
    /// One row as it is measured. <paramref name="live"/>: the session runs until stopped, so JSON writes the row
    /// as a line at once; otherwise JSON leaves rows to the document that holds them.
    /// </summary>
    void Row<T>(T row, View<T> view, bool live = false);

    /// <summary>The result; with <paramref name="live"/>, JSON writes it as one line after the streamed rows.</summary>
    void Document<T>(T value, View<T> view, bool live = false);
}
