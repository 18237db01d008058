using AsyncIoTools.Failures;

namespace AsyncIoTools.Cli.Hosting;

/// <summary>How the CLI spells a <see cref="Setting"/> the core names in an error: its option, <c>--message-size</c>.</summary>
public static class OptionSpelling
{
    public static string Of(Setting setting) => "--" + SettingNames.Words(setting).Replace(' ', '-');
}
