using System.Management.Automation;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Benchmarks.Scenarios;
using AsyncIoTools.Failures;
using AsyncIoTools.PowerShell.Completion;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.Results;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary><c>Get-BenchmarkScenario</c> (<c>aiotools scenarios</c>): the built-in scenarios, or a scenario file read and checked.</summary>
[Cmdlet(VerbsCommon.Get, "BenchmarkScenario", DefaultParameterSetName = ParameterSets.BuiltIn)]
[OutputType(typeof(BenchmarkScenario))]
public sealed class GetBenchmarkScenarioCommand : AsyncIoToolsCmdlet
{
    /// <summary>Built-in scenario names, wildcards allowed.</summary>
    [Parameter(Position = 0, ParameterSetName = ParameterSets.BuiltIn)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ScenarioCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Scenario .json files to read and validate, wildcards allowed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Path, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [Alias("FullName")]
    public string[] Path { get; set; } = [];

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ParameterSets.Path)
        {
            foreach (var path in Path.SelectMany(p => ResolvePaths(p, literal: false)))
            {
                try
                {
                    WriteObject(ScenarioCatalog.Load(path));
                }
                catch (AsyncIoToolsException failure)
                {
                    Fail(failure, path);
                }
            }

            return;
        }

        var patterns = (Name is { Length: > 0 } names ? names : ["*"]).Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        foreach (var scenario in ScenarioCatalog.BuiltIn.Where(s => patterns.Any(p => p.IsMatch(s.Name))))
        {
            WriteObject(scenario);
        }
    }
}
