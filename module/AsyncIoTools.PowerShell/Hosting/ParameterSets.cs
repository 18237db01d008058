namespace AsyncIoTools.PowerShell.Hosting;

/// <summary>Parameter-set names, one spelling for every cmdlet (help and tests refer to them).</summary>
public static class ParameterSets
{
    /// <summary>A diagnostics target given by process id (also from Get-Process or Get-DotNetProcess on the pipeline).</summary>
    public const string ProcessId = "ProcessId";

    /// <summary>A diagnostics target given by process name; it must match exactly one process (lag and watch: every process of the names).</summary>
    public const string Name = "Name";

    /// <summary>Every .NET process of a user (lag and watch).</summary>
    public const string All = "All";

    /// <summary>An app that connects to a diagnostic port the cmdlet listens on, observed from its first instruction.</summary>
    public const string DiagnosticPort = "DiagnosticPort";

    /// <summary>An app the cmdlet starts on a diagnostic port of its own, observed from its first instruction.</summary>
    public const string Launch = "Launch";

    /// <summary>Files or folders with wildcards.</summary>
    public const string Path = "Path";

    /// <summary>Files or folders taken literally (and from Get-ChildItem on the pipeline).</summary>
    public const string LiteralPath = "LiteralPath";

    /// <summary>Result objects from the pipeline.</summary>
    public const string InputObject = "InputObject";

    /// <summary>Built-in scenarios by name.</summary>
    public const string BuiltIn = "BuiltIn";
}
