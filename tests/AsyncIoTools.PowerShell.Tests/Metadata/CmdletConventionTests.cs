using AsyncIoTools.Results;

namespace AsyncIoTools.PowerShell.Tests.Metadata;

/// <summary>What Get-Command -Module AsyncIoTools would show, checked against PowerShell's conventions from metadata.</summary>
public sealed class CmdletConventionTests
{
    public static TheoryData<string> CmdletNames() => [.. ModuleMetadata.Cmdlets.Select(c => c.Name)];

    [Fact]
    public void Module_HasTheCmdletsTheIssueNames()
    {
        var names = ModuleMetadata.Cmdlets.Select(c => c.Name).ToHashSet();
        string[] required = ["Get-IoEngine", "Get-BenchmarkScenario", "Invoke-C10kBenchmark", "Start-IoEngineServer", "Stop-IoEngineServer", "Invoke-LoadTest", "Get-EventLoopLag", "Get-AsyncHotspot", "Get-BlockingCall", "New-PerformanceReport", "Get-DotNetProcess"];
        Assert.Empty(required.Except(names));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_FollowsNamingConventions(string name)
    {
        var cmdlet = ModuleMetadata.Cmdlet(name);
        Assert.Contains(cmdlet.Verb, ApprovedVerbs.All);
        Assert.False(IsPlural(cmdlet.Noun), $"{name}: nouns are singular");
        Assert.Equal($"{cmdlet.Verb}{cmdlet.Noun}Command", cmdlet.ClassName);
        Assert.True(File.Exists(Path.Combine(Repository.SourceFolder, "Commands", cmdlet.ClassName + ".cs")), $"{cmdlet.ClassName} lives in Commands/{cmdlet.ClassName}.cs, one cmdlet per file");
    }

    [Theory]
    [InlineData("DotNetProcess", false)]
    [InlineData("AsyncHotspot", false)]
    [InlineData("Status", false)]
    [InlineData("Analysis", false)]
    [InlineData("IoEngines", true)]
    [InlineData("BlockingCalls", true)]
    public void PluralCheck_KnowsSingularNounsEndingInS(string noun, bool plural) => Assert.Equal(plural, IsPlural(noun));

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_DeclaresOutputTypesThatExist(string name)
    {
        var cmdlet = ModuleMetadata.Cmdlet(name);
        Assert.NotEmpty(cmdlet.OutputTypes);
        Assert.All(cmdlet.OutputTypes, t => Assert.NotNull(ModuleMetadata.FindType(t)));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlet_NamesItsParameterSetsWithTheSharedConstants(string name)
    {
        var cmdlet = ModuleMetadata.Cmdlet(name);
        var constants = typeof(Hosting.ParameterSets).GetFields().Select(f => (string)f.GetRawConstantValue()!).Append(CmdletParameter.AllSets).ToHashSet();
        var sets = cmdlet.Parameters.SelectMany(p => p.Sets.Select(s => s.Set)).ToHashSet();
        Assert.Empty(sets.Except(constants));
        if (cmdlet.DefaultParameterSet is { } defaultSet)
        {
            Assert.Contains(defaultSet, sets);
        }

        // A set may have one parameter at each position, and one that takes pipeline input by value.
        foreach (var set in sets.Where(s => s != CmdletParameter.AllSets))
        {
            var inSet = cmdlet.Parameters.SelectMany(p => p.Sets.Where(s => s.Set == set || s.Set == CmdletParameter.AllSets).Select(s => (p.Name, s))).ToList();
            Assert.Equal(inSet.Count(x => x.s.Position >= 0), inSet.Where(x => x.s.Position >= 0).Select(x => x.s.Position).Distinct().Count());
            Assert.True(inSet.Count(x => x.s.ByValue) <= 1, $"{name} {set}: one parameter takes pipeline input by value");
        }
    }

    [Fact]
    public void DiagnosticsCmdlets_TakeProcessIdsFromGetProcessByPropertyName()
    {
        foreach (var name in new[] { "Get-EventLoopLag", "Get-BlockingCall", "Get-AsyncHotspot" })
        {
            var processId = ModuleMetadata.Cmdlet(name).Parameter("ProcessId")!;
            Assert.Contains("Id", processId.Aliases);
            Assert.Contains(processId.Sets, s => s.ByPropertyName && s.Mandatory && s.Set == Hosting.ParameterSets.ProcessId);

            // Get-Process objects also carry Name: binding it too would make the parameter set ambiguous.
            Assert.DoesNotContain(ModuleMetadata.Cmdlet(name).Parameter("Name")!.Sets, s => s.ByPropertyName);
        }
    }

    [Fact]
    public void EngineAndScenarioParameters_HaveArgumentCompleters()
    {
        var completed = ModuleMetadata.Cmdlets.SelectMany(c => c.Parameters.Where(p => p.Name is "Engine" or "Scenario" or "Variant" or "Case").Select(p => (c.Name, p))).ToList();
        Assert.NotEmpty(completed);
        Assert.All(completed, x => Assert.Contains("ArgumentCompleterAttribute", x.p.Attributes));
    }

    [Fact]
    public void LongRunningCmdlets_StreamResultsThatPipeIntoReports()
    {
        var report = ModuleMetadata.Cmdlet("New-PerformanceReport");
        var input = report.Parameter("InputObject")!;
        Assert.Contains(input.Sets, s => s.ByValue);
        Assert.Equal(input.TypeName, ModuleMetadata.Cmdlet("Import-BenchmarkResult").OutputTypes.Single() + "[]");

        // The benchmark writes flat points; each converts to its result (a TypeConverter the binder uses).
        var point = ModuleMetadata.FindType(ModuleMetadata.Cmdlet("Invoke-C10kBenchmark").OutputTypes.Single())!;
        var converter = point.GetCustomAttributesData().Single(a => a.AttributeType.Name == "TypeConverterAttribute");
        Assert.Equal("AsyncIoTools.PowerShell.Output.BenchmarkPointConverter", ((Type)converter.ConstructorArguments[0].Value!).FullName);
    }

    // English plurals end in s; singular nouns that do end in ss (Process), us (Status) or is (Analysis).
    private static bool IsPlural(string noun) =>
        noun.EndsWith('s') && !noun.EndsWith("ss", StringComparison.Ordinal) && !noun.EndsWith("us", StringComparison.Ordinal) && !noun.EndsWith("is", StringComparison.Ordinal);
}
