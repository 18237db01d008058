using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/AsyncIoTools.Micro -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(AsyncIoTools.Micro.MicroBenchmarks).Assembly).Run(args);
