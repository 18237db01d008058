using AsyncIoTools.Cli.Rendering;

namespace AsyncIoTools.Cli.Tests.Rendering;

/// <summary>What a renderer of a format writes for what a command hands it.</summary>
internal static class Rendered
{
    public static string As(OutputFormat format, Action<IOutputRenderer> render)
    {
        using var output = new StringWriter { NewLine = "\n" };
        render(OutputRenderers.Create(format, output));
        return output.ToString();
    }

    public static string Document<T>(OutputFormat format, T value, View<T> view) => As(format, r => r.Document(value, view));
}
