using System.Management.Automation;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Failures;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.Results;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary>
/// <c>Import-BenchmarkResult</c>: reads result files (<c>aiotools.result/1</c>, as Invoke-C10kBenchmark -OutputPath and
/// <c>aiotools bench --out</c> write them) back into result objects; a corrupt or unknown-version file is an error naming it.
/// </summary>
[Cmdlet(VerbsData.Import, "BenchmarkResult", DefaultParameterSetName = ParameterSets.Path)]
[OutputType(typeof(BenchmarkResult))]
public sealed class ImportBenchmarkResultCommand : AsyncIoToolsCmdlet
{
    /// <summary>Result files, or folders of them (their *.json files), wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.Path)]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.LiteralPath, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath")]
    public string[] LiteralPath { get; set; } = [];

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == ParameterSets.LiteralPath;
        foreach (var path in (literal ? LiteralPath : Path).SelectMany(p => ResolvePaths(p, literal)))
        {
            var files = Directory.Exists(path) ? Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToArray() : [path];
            foreach (var file in files)
            {
                try
                {
                    WriteObject(ResultFiles.Read(file));
                }
                catch (AsyncIoToolsException failure)
                {
                    Fail(failure, file);
                }
            }
        }
    }
}
