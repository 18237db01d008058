namespace AsyncIoTools.PowerShell.Tests.Metadata;

/// <summary>The Pester suite, read as text (it runs only where pwsh is): a file per cmdlet that calls the real cmdlet.</summary>
public sealed class PesterSuiteTests
{
    private static readonly string Folder = Path.Combine(Repository.Root, "tests", "pester");

    public static TheoryData<string> CmdletNames() => [.. ModuleMetadata.Cmdlets.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void EveryCmdlet_HasAPesterFileThatCallsIt_WithoutMocks(string name)
    {
        var file = Path.Combine(Folder, name + ".Tests.ps1");
        Assert.True(File.Exists(file), $"{file} is missing");
        var text = File.ReadAllText(file);
        Assert.Contains($"Describe '{name}'", text, StringComparison.Ordinal);
        Assert.Contains("Common.ps1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Mock ", text, StringComparison.OrdinalIgnoreCase);
        var calls = text.Split('\n').Count(l => l.Contains(name, StringComparison.Ordinal) && !l.TrimStart().StartsWith("Describe", StringComparison.Ordinal));
        Assert.True(calls >= 1, $"{name}.Tests.ps1 never calls {name}");
    }

    [Fact]
    public void Suite_HasAConventionsTestOverGetCommand_AndNoStrayFiles()
    {
        Assert.Contains("Get-Command -Module AsyncIoTools", File.ReadAllText(Path.Combine(Folder, "Conventions.Tests.ps1")), StringComparison.Ordinal);
        // Beyond one file per cmdlet: the conventions, the README's and the help's examples run, installing by name, and
        // the README's set-up section run as a newcomer runs it.
        var expected = ModuleMetadata.Cmdlets.Select(c => c.Name + ".Tests.ps1").Concat(["Conventions.Tests.ps1", "Examples.Tests.ps1", "Installation.Tests.ps1", "ReadmeSetUp.Tests.ps1"]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(Folder, "*.Tests.ps1").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);
    }
}
