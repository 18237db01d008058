using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/AsyncIoTools.Micro -- --filter '*' [--job short]
// Results: artifacts/micro/results/<Class>-report-full.json (BenchmarkDotNet's full JSON, what reports read),
// beside the usual markdown/CSV/HTML; --artifacts DIR puts them elsewhere.
// Exits 1 when a benchmark failed to build or run (a case NotApplicable to its mechanism apart: its NA row is the
// finding) or a validator refused one: BenchmarkDotNet reports those in its log and still exits 0, so a script
// (tests/run-tests.sh runs every case as a dry job) would not see them.
var config = DefaultConfig.Instance
    .AddExporter(JsonExporter.Full)
    .WithArtifactsPath(Path.Combine(Environment.CurrentDirectory, "artifacts", "micro"));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(AsyncIoTools.Micro.MicroBenchmarks).Assembly).Run(args, config).ToList();
var failed = summaries.SelectMany(s => s.Reports)
    .Where(r => !r.Success && !r.ExecuteResults.Any(e => e.ExitCode == AsyncIoTools.Micro.NotApplicable.ExitCode))
    .Select(r => r.BenchmarkCase.DisplayInfo)
    .ToList();
foreach (var name in failed)
{
    Console.Error.WriteLine($"failed: {name}");
}

return failed.Count > 0 || summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
