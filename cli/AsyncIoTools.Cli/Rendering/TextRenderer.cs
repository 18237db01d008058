namespace AsyncIoTools.Cli.Rendering;

/// <summary>The text format: each view's text as it is, rows as they come.</summary>
public sealed class TextRenderer(TextWriter output) : IOutputRenderer
{
    public bool ForPeople => true;

    public void Row<T>(T row, View<T> view, bool live = false) => Write(view.Text(row));

    public void Document<T>(T value, View<T> view, bool live = false) => Write(view.Text(value));

    private void Write(string text)
    {
        output.Write(text);
        output.Flush();
    }
}
