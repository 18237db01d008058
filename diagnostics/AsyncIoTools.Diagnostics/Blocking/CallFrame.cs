namespace AsyncIoTools.Diagnostics.Blocking;

/// <summary>One resolved frame of a sampled or event stack: the method's full name (with its parameters) and module.</summary>
public readonly record struct CallFrame(string Method, string Module)
{
    /// <summary>
    /// Framework code (the runtime, System.*, Microsoft.*) or a frame that could not be named: never the answer
    /// to "which of my methods blocked", only the path from it into the wait.
    /// </summary>
    public bool IsFramework =>
        Method.Length == 0
        || Module.Length == 0
        || Module.StartsWith("System.", StringComparison.Ordinal)
        || Module.StartsWith("Microsoft.", StringComparison.Ordinal)
        || Module is "System" or "mscorlib" or "netstandard" or "libcoreclr" or "libclrjit";

    /// <summary>
    /// "Namespace.Type.Method" without the parameter list; an async method's state machine
    /// (<c>Type+&lt;Method&gt;d__7.MoveNext</c>) is named as the method people wrote (<c>Type.Method</c>).
    /// </summary>
    public string ShortName
    {
        get
        {
            var paren = Method.IndexOf('(', StringComparison.Ordinal);
            var name = paren < 0 ? Method : Method[..paren];
            const string moveNext = ".MoveNext";
            if (name.EndsWith(moveNext, StringComparison.Ordinal) && Hotspots.StateMachineName.Split(name[..^moveNext.Length]) is { } asyncMethod)
            {
                return $"{asyncMethod.DeclaringType}.{asyncMethod.Method}";
            }

            return name;
        }
    }
}
