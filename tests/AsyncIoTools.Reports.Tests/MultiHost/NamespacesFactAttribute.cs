namespace AsyncIoTools.Reports.Tests.MultiHost;

/// <summary>A fact that needs network namespaces; where none can be made, it is skipped with the reason said plainly.</summary>
public sealed class NamespacesFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Why = new(NamespacedHosts.WhyUnavailable);

    public NamespacesFactAttribute()
    {
        if (Why.Value is { } reason)
        {
            Skip = reason;
        }
    }
}
