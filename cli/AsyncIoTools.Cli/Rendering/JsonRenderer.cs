using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AsyncIoTools.Cli.Rendering;

/// <summary>
/// The JSON format: one indented document at the end, or, for a session that runs until stopped, one compact line
/// per row as it closes and the document as a last line (JSON Lines). Headers for people are not JSON.
/// </summary>
public sealed class JsonRenderer(TextWriter output) : IOutputRenderer
{
    public bool ForPeople => false;

    public void Row<T>(T row, View<T> view, bool live = false)
    {
        if (live)
        {
            Write(row, view, indented: false);
        }
    }

    public void Document<T>(T value, View<T> view, bool live = false) => Write(value, view, indented: !live);

    private void Write<T>(T value, View<T> view, bool indented)
    {
        if (view.Json is not { } json)
        {
            return;
        }

        // The writer, not the context's options, decides the indentation: one contract, two layouts.
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            json(writer, value);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
        output.Flush();
    }
}
