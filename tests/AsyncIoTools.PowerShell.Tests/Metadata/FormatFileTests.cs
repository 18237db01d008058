using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AsyncIoTools.PowerShell.Tests.Metadata;

/// <summary>Every view of the format file names a real type, and every property it shows (by name or as $_.Property) exists.</summary>
public sealed partial class FormatFileTests
{
    private static readonly XDocument Format = XDocument.Load(Path.Combine(Repository.ModuleFolder, "AsyncIoTools.Format.ps1xml"));

    public static TheoryData<string> Views() => [.. Format.Descendants("View").Select(v => v.Element("Name")!.Value)];

    [Theory]
    [MemberData(nameof(Views))]
    public void View_NamesARealType_AndItsProperties(string viewName)
    {
        var view = Format.Descendants("View").Single(v => v.Element("Name")!.Value == viewName);
        var typeName = view.Descendants("TypeName").Single().Value;
        var type = ModuleMetadata.FindType(typeName);
        Assert.NotNull(type);
        var headers = view.Descendants("TableColumnHeader").Count();
        Assert.Equal(headers, view.Descendants("TableColumnItem").Count());
        foreach (var property in view.Descendants("PropertyName").Select(p => p.Value))
        {
            Assert.True(Property(type, property) is not null, $"{typeName} has no property {property}");
        }

        foreach (var script in view.Descendants("ScriptBlock").Select(s => s.Value))
        {
            // Inside a ForEach-Object block $_ is another object (a dictionary entry): only the part before is checked.
            var text = script.Split("ForEach-Object {")[0];
            foreach (Match chain in PropertyChain().Matches(text))
            {
                var current = type;
                var segments = chain.Groups["chain"].Value.Split('.');
                var isCall = chain.Index + chain.Length < text.Length && text[chain.Index + chain.Length] == '(';
                foreach (var segment in isCall ? segments[..^1] : segments)
                {
                    var found = Property(current!, segment);
                    Assert.True(found is not null, $"{typeName}: {chain.Value} in '{script}' names no property of {current!.FullName}");
                    current = found.PropertyType is { IsGenericType: true } generic && generic.GetGenericTypeDefinition().FullName == "System.Nullable`1"
                        ? generic.GetGenericArguments()[0]
                        : found.PropertyType;
                }
            }
        }
    }

    [Fact]
    public void TableViews_FitAnEightyColumnTerminal()
    {
        foreach (var table in Format.Descendants("TableControl"))
        {
            var widths = table.Descendants("TableColumnHeader").Select(h => int.TryParse(h.Element("Width")?.Value, out var w) ? w : 12).ToArray();
            var name = table.Parent!.Element("Name")!.Value;
            Assert.True(widths.Sum() + widths.Length - 1 <= 80, $"{name}: {widths.Sum() + widths.Length - 1} columns");
        }
    }

    [Fact]
    public void EveryOutputType_HasADefaultView()
    {
        var viewed = Format.Descendants("TypeName").Select(t => t.Value).ToHashSet();
        var outputs = ModuleMetadata.Cmdlets.SelectMany(c => c.OutputTypes).ToHashSet();
        Assert.Empty(outputs.Except(viewed));
    }

    private static PropertyInfo? Property(Type type, string name) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(p => p.Name == name)
        ?? type.BaseType?.GetProperty(name)
        ?? (type.IsGenericType && name == "Count" ? type.GetInterfaces().Select(i => i.GetProperty("Count")).FirstOrDefault(p => p is not null) : null)
        ?? (type.IsInterface ? type.GetInterfaces().Select(i => i.GetProperty(name)).FirstOrDefault(p => p is not null) : null);

    [GeneratedRegex(@"\$_\.(?<chain>[A-Za-z_]\w*(\.[A-Za-z_]\w*)*)")]
    private static partial Regex PropertyChain();
}
