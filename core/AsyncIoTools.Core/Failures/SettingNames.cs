using System.Text;

namespace AsyncIoTools.Failures;

/// <summary>How a <see cref="Setting"/> reads where no face renders it (logs, result files): lower-case words, "message size".</summary>
public static class SettingNames
{
    public static string Words(Setting setting)
    {
        var name = setting.ToString();
        var words = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }

    /// <summary>The words joined by dashes: "message-size", the CLI's spelling without its dashes.</summary>
    public static string Kebab(Setting setting) => Words(setting).Replace(' ', '-');
}
