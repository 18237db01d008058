namespace AsyncIoTools.PowerShell.Tests.Metadata;

/// <summary>AsyncIoTools.psd1 against the compiled module and the laid-out folder.</summary>
public sealed class ManifestTests
{
    private static readonly IReadOnlyDictionary<string, object?> Manifest = Psd1.Parse(File.ReadAllText(Path.Combine(Repository.ModuleFolder, "AsyncIoTools.psd1")));

    [Fact]
    public void LaidOutManifest_IsTheOneAtTheRepositoryRoot()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(Repository.Root, "AsyncIoTools.psd1")), File.ReadAllText(Path.Combine(Repository.ModuleFolder, "AsyncIoTools.psd1")));
    }

    [Fact]
    public void CmdletsToExport_AreExactlyTheCompiledCmdlets()
    {
        var exported = Strings("CmdletsToExport");
        Assert.Equal(ModuleMetadata.Cmdlets.Select(c => c.Name).Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
        Assert.Empty(Strings("FunctionsToExport"));
        Assert.Empty(Strings("AliasesToExport"));
    }

    [Fact]
    public void RootModule_IsTheLaidOutAssembly_AndVersionsMatch()
    {
        Assert.Equal("AsyncIoTools.PowerShell.dll", Manifest["RootModule"]);
        Assert.True(File.Exists(Path.Combine(Repository.ModuleFolder, (string)Manifest["RootModule"]!)));
        var version = ModuleMetadata.Module.GetName().Version!;
        Assert.Equal(new Version((string)Manifest["ModuleVersion"]!), new Version(version.Major, version.Minor, version.Build));
        Assert.True(Guid.TryParse((string?)Manifest["GUID"], out _));
    }

    [Fact]
    public void Manifest_AsksForPowerShellOnDotNet10()
    {
        Assert.Equal("7.6", Manifest["PowerShellVersion"]);
        Assert.Equal(["Core"], Strings("CompatiblePSEditions"));
        Assert.False(string.IsNullOrWhiteSpace((string?)Manifest["Description"]));
        var psData = (IReadOnlyDictionary<string, object?>)((IReadOnlyDictionary<string, object?>)Manifest["PrivateData"]!)["PSData"]!;
        var tags = ((IEnumerable<object?>)psData["Tags"]!).Cast<string>().ToList();
        Assert.Contains("PSEdition_Core", tags);
        Assert.All(tags, t => Assert.DoesNotContain(' ', t));

        // No invented address: the project has none yet, so the manifest names none.
        Assert.False(psData.ContainsKey("ProjectUri"));
    }

    [Fact]
    public void FormatsToProcess_ExistInTheLayout()
    {
        var formats = Strings("FormatsToProcess");
        Assert.NotEmpty(formats);
        Assert.All(formats, f => Assert.True(File.Exists(Path.Combine(Repository.ModuleFolder, f)), f));
    }

    [Fact]
    public void Parser_ReadsTheManifestSubset_AndRefusesWhatItDoesNotKnow()
    {
        var parsed = Psd1.Parse("# c\n@{ A = 'x''y'; B = @('1', \"2\"\n'3'); C = @{ D = $true }; E = 1.5 }");
        Assert.Equal("x'y", parsed["A"]);
        Assert.Equal(["1", "2", "3"], ((IEnumerable<object?>)parsed["B"]!).Cast<string>());
        Assert.Equal(true, ((IReadOnlyDictionary<string, object?>)parsed["C"]!)["D"]);
        Assert.Equal(1.5, parsed["E"]);
        Assert.Throws<FormatException>(() => Psd1.Parse("@{ A = \"$env:HOME\" }"));
        Assert.Throws<FormatException>(() => Psd1.Parse("@{ A = Get-Date }"));
    }

    private static List<string> Strings(string key) => Manifest[key] switch
    {
        string single => [single],
        IEnumerable<object?> many => many.Cast<string>().ToList(),
        _ => [],
    };
}
