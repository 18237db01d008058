using System.Xml.Linq;

namespace AsyncIoTools.PowerShell.Tests.Metadata;

/// <summary>The MAML help (en-US/AsyncIoTools.PowerShell.dll-Help.xml) covers every cmdlet and every parameter as compiled.</summary>
public sealed class HelpTests
{
    private static readonly XNamespace Command = ModuleHelp.Command;
    private static readonly XNamespace Maml = ModuleHelp.Maml;
    private static readonly XNamespace Dev = ModuleHelp.Dev;

    public static TheoryData<string> CmdletNames() => [.. ModuleMetadata.Cmdlets.Select(c => c.Name)];

    [Fact]
    public void Help_DescribesExactlyTheCompiledCmdlets()
    {
        var described = ModuleHelp.DescribedNames();
        Assert.Equal(ModuleMetadata.Cmdlets.Select(c => c.Name).Order(StringComparer.Ordinal), described.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_HasSynopsisDescriptionAndExamples(string name)
    {
        var command = Entry(name);
        var details = command.Element(Command + "details")!;
        Assert.Equal(name.Split('-')[0], details.Element(Command + "verb")!.Value);
        Assert.Equal(name.Split('-')[1], details.Element(Command + "noun")!.Value);
        Assert.True(details.Element(Maml + "description")!.Value.Trim().Length > 20, $"{name}: synopsis");
        Assert.True(command.Element(Maml + "description")!.Value.Trim().Length > 80, $"{name}: description");
        var examples = command.Descendants(Command + "example").ToList();
        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.Contains(name, e.Element(Dev + "code")!.Value, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_DocumentsEveryParameterAsCompiled(string name)
    {
        var cmdlet = ModuleMetadata.Cmdlet(name);
        var documented = Entry(name).Element(Command + "parameters")!.Elements(Command + "parameter").ToList();
        // PowerShell adds -WhatIf and -Confirm to a cmdlet that supports ShouldProcess; its help documents them too.
        string[] shouldProcess = cmdlet.SupportsShouldProcess ? ["Confirm", "WhatIf"] : [];
        Assert.Equal(cmdlet.Parameters.Select(p => p.Name).Concat(shouldProcess).Order(StringComparer.Ordinal), documented.Select(p => p.Element(Maml + "name")!.Value).Order(StringComparer.Ordinal));
        foreach (var parameter in documented.Where(p => !shouldProcess.Contains(p.Element(Maml + "name")!.Value)))
        {
            var compiled = cmdlet.Parameter(parameter.Element(Maml + "name")!.Value)!;
            Assert.Equal(compiled.TypeName, parameter.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal(compiled.Sets.Any(s => s.Mandatory), (string?)parameter.Attribute("required") == "true");
            var position = compiled.Sets.Select(s => s.Position).Max();
            Assert.Equal(position < 0 ? "named" : position.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)parameter.Attribute("position"));
            Assert.Equal(compiled.Sets.Any(s => s.ByValue || s.ByPropertyName), ((string?)parameter.Attribute("pipelineInput"))!.StartsWith("True", StringComparison.Ordinal));
            Assert.False(string.IsNullOrWhiteSpace(parameter.Element(Maml + "description")!.Value), $"{name} -{compiled.Name}");
        }
    }

    private static XElement Entry(string name) => ModuleHelp.Entry(name);
}
