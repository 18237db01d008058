using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/AsyncIoTools.Micro -- --filter '*' [--job short]
// Results: artifacts/micro/results/<Class>-report-full.json (BenchmarkDotNet's full JSON, what reports read),
// beside the usual markdown/CSV/HTML; --artifacts DIR puts them elsewhere.
var config = DefaultConfig.Instance
    .AddExporter(JsonExporter.Full)
    .WithArtifactsPath(Path.Combine(Environment.CurrentDirectory, "artifacts", "micro"));
BenchmarkSwitcher.FromAssembly(typeof(AsyncIoTools.Micro.MicroBenchmarks).Assembly).Run(args, config);
