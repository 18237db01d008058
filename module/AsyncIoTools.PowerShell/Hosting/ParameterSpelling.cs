using AsyncIoTools.Failures;

namespace AsyncIoTools.PowerShell.Hosting;

/// <summary>How the module spells a <see cref="Setting"/> the core names in an error: its parameter, <c>-MessageSize</c>.</summary>
public static class ParameterSpelling
{
    public static string Of(Setting setting) => "-" + setting;
}
