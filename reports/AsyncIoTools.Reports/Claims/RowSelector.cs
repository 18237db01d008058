using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Claims;

/// <summary>
/// Names rows of a claim: a glob on the engine ("epoll") or engine and variant ("epoll:edge"), and a glob on the
/// scenario case ("sendfile"; "*" for any). Written as "epoll", "epoll [sendfile]" or "[sendfile]" (any engine).
/// </summary>
public sealed record RowSelector(string Engine, string Case = "*")
{
    public bool Matches(EngineRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return (Glob.IsMatch(Engine, row.Name) || Glob.IsMatch(Engine, row.Engine)) && Glob.IsMatch(Case, row.Case);
    }

    /// <summary>The selector as the report prints it.</summary>
    public override string ToString() => (Engine, Case) switch
    {
        (_, "*") => Engine,
        ("*", _) => $"[{Case}]",
        _ => $"{Engine} [{Case}]",
    };
}
