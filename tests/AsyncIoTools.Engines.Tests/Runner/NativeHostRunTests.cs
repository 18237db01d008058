using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Results;

namespace AsyncIoTools.Engines.Tests.Runner;

/// <summary>
/// bench --child-host native end to end, with the NativeAOT host tests/run-tests.sh publishes: its server workers
/// sharing one port and its load processes start, serve and report as the JIT build's do. Nothing else builds or
/// runs that host, so a change that NativeAOT cannot compile or trims away would otherwise pass every other test.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NativeHostRunTests
{
    /// <summary>The published host (its executable or folder); tests/run-tests.sh sets it.</summary>
    public const string HostVariable = "AIOTOOLS_NATIVE_HOST";

    /// <summary>Set (to 1) where the host must be there, as in CI: its absence then fails the test instead of skipping it.</summary>
    public const string RequiredVariable = "AIOTOOLS_NATIVE_REQUIRED";

    [NativeHostFact]
    public async Task Bench_NativeChildren_TwoWorkersOnOnePortAndTwoLoadProcesses_ServeWithoutErrors()
    {
        var host = Environment.GetEnvironmentVariable(HostVariable)
            ?? throw new Xunit.Sdk.XunitException($"{RequiredVariable}=1 but {HostVariable} is not set: tests/run-tests.sh publishes the host with benchmarks/scripts/publish-native.sh");
        // io_uring where its probe allows it (a seccomp filter or io_uring_disabled may not), as the conformance cases.
        var ioUring = EngineRegistry.Default.TryFind("io_uring")!;
        string[] engines = ioUring.ProbeVariant(ioUring.DefaultVariant).IsAvailable ? ["epoll", "io_uring"] : ["epoll"];
        var options = new BenchmarkRequest
        {
            Engines = engines,
            Connections = 40,
            Duration = TimeSpan.FromSeconds(1),
            Warmup = TimeSpan.FromSeconds(0.5),
            Trials = 1,
            Pin = false,
            ChildHost = ChildHost.Native,
            NativeHost = host,
            CommandLine = "aiotools bench --child-host native",
        }.Bind();

        var result = await BenchmarkRunner.RunAsync(
            options with { Scenario = options.Scenario with { Workers = 2, LoadProcesses = 2 } },
            progress: null,
            CancellationToken.None);

        Assert.Equal(("native", options.Launch!.FileName), (result.ChildHost, result.ChildHostPath));
        Assert.Empty(options.Launch.PrefixArguments);
        Assert.Equal(engines, result.Runs.Select(run => run.Engine));
        Assert.All(result.Runs, run =>
        {
            Assert.True(run.Status == RunStatus.Completed, $"{run.Engine}: {run.Status} {run.Reason}");
            Assert.True(run.Summary!.RequestsPerSecond > 0, $"{run.Engine}: no requests");
            Assert.Equal(0, run.Summary.Errors);
            Assert.Equal(40, run.Connections);
        });
    }

    /// <summary>Runs where the host was published; skips, saying how to publish it, only where it is not required.</summary>
    private sealed class NativeHostFactAttribute : FactAttribute
    {
        public NativeHostFactAttribute()
        {
            if (Environment.GetEnvironmentVariable(HostVariable) is null && Environment.GetEnvironmentVariable(RequiredVariable) != "1")
            {
                Skip = $"{HostVariable} is not set: publish the host with benchmarks/scripts/publish-native.sh DIR and set it to DIR (tests/run-tests.sh does)";
            }
        }
    }
}
