using System.Xml.Linq;

namespace AsyncIoTools.PowerShell.Tests.Support;

/// <summary>The module's hand-written MAML help (en-US/AsyncIoTools.PowerShell.dll-Help.xml), loaded once, and its namespaces.</summary>
public static class ModuleHelp
{
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Document { get; } = XDocument.Load(Path.Combine(Repository.ModuleFolder, "en-US", "AsyncIoTools.PowerShell.dll-Help.xml"));

    /// <summary>The names of the cmdlets the help describes.</summary>
    public static IEnumerable<string> DescribedNames() =>
        Document.Descendants(Command + "command").Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value);

    /// <summary>One cmdlet's command element.</summary>
    public static XElement Entry(string cmdlet) =>
        Document.Descendants(Command + "command").Single(c => c.Element(Command + "details")!.Element(Command + "name")!.Value == cmdlet);
}
