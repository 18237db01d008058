using AsyncIoTools.Failures;

namespace AsyncIoTools.PowerShell.Hosting;

/// <summary>How the module spells a <see cref="Setting"/>: its parameter, <c>-MessageSize</c> (PowerShell's own words where the CLI abbreviates).</summary>
public static class ParameterSpelling
{
    private static readonly Dictionary<Setting, string> Exceptions = new()
    {
        [Setting.Bind] = "Address",
        [Setting.Fastopen] = "FastOpen",
        [Setting.Hlog] = "HlogPath",
        [Setting.KeepaliveIdle] = "KeepAliveIdle",
        [Setting.KeepaliveTimeout] = "KeepAliveTimeout",
        [Setting.Nodelay] = "NoDelay",
        [Setting.Out] = "OutputPath",
        [Setting.Rcvbuf] = "ReceiveBuffer",
        [Setting.Sndbuf] = "SendBuffer",
    };

    public static string Of(Setting setting) => "-" + Name(setting);

    /// <summary>The parameter's name, without the dash.</summary>
    public static string Name(Setting setting) => Exceptions.TryGetValue(setting, out var name) ? name : setting.ToString();
}
