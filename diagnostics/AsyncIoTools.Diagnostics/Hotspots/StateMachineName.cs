namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>
/// Reads the compiler's names: a state machine type <c>Namespace.Type+&lt;Method&gt;d__3</c> belongs to
/// <c>Method</c> of <c>Namespace.Type</c>; a box type names its state machine as its last generic argument.
/// </summary>
public static class StateMachineName
{
    public const string BoxMarker = "+AsyncStateMachineBox<";

    /// <summary>The state machine type inside a box type name, or null if the name is not a box's.</summary>
    public static string? FromBoxType(string boxTypeName)
    {
        ArgumentNullException.ThrowIfNull(boxTypeName);
        var start = boxTypeName.IndexOf(BoxMarker, StringComparison.Ordinal);
        if (start < 0 || !boxTypeName.EndsWith('>'))
        {
            return null;
        }

        var inner = boxTypeName[(start + BoxMarker.Length)..^1];

        // AsyncStateMachineBox<TResult, TStateMachine> in some runtimes: the state machine is the last argument.
        var depth = 0;
        for (var i = inner.Length - 1; i >= 0; i--)
        {
            depth += inner[i] switch { '>' => 1, '<' => -1, _ => 0 };
            if (depth == 0 && inner[i] == ',')
            {
                return inner[(i + 1)..].Trim();
            }
        }

        return inner;
    }

    /// <summary>(declaring type, method) of a state machine type name, or null when it is not compiler-named.</summary>
    public static (string DeclaringType, string Method)? Split(string stateMachineType)
    {
        ArgumentNullException.ThrowIfNull(stateMachineType);
        var plus = stateMachineType.LastIndexOf("+<", StringComparison.Ordinal);
        if (plus < 0)
        {
            return null;
        }

        var close = stateMachineType.IndexOf('>', plus);
        if (close < 0)
        {
            return null;
        }

        return (stateMachineType[..plus], stateMachineType[(plus + 2)..close]);
    }

    /// <summary>"Type.Method" with the namespace dropped: how people name a method in conversation.</summary>
    public static string Display(string declaringType, string method)
    {
        ArgumentNullException.ThrowIfNull(declaringType);
        var generic = declaringType.IndexOf('<', StringComparison.Ordinal);
        var plain = generic < 0 ? declaringType : declaringType[..generic];
        var dot = plain.LastIndexOf('.');
        return $"{declaringType[(dot + 1)..]}.{method}";
    }
}
