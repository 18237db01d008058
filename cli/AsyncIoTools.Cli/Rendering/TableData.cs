namespace AsyncIoTools.Cli.Rendering;

/// <summary>
/// A view's table: column names and each row's cells, figures raw and in invariant culture (CSV is for programs);
/// <see cref="Before"/> and <see cref="After"/> are the sentences markdown writes around it. No columns: sentences only.
/// </summary>
public sealed record TableData(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public IReadOnlyList<string> Before { get; init; } = [];

    public IReadOnlyList<string> After { get; init; } = [];

    public static TableData Sentences(params IReadOnlyList<string> lines) => new([], []) { Before = lines };

    public static TableData One(IReadOnlyList<string> columns, IReadOnlyList<string> cells) => new(columns, [cells]);
}
