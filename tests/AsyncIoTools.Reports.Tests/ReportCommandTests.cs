using System.Reflection;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Cli.Hosting;

namespace AsyncIoTools.Reports.Tests;

/// <summary><c>aiotools report</c> through the real entry point: what each kind of failure exits with.</summary>
[Collection(nameof(ConsoleUsers))]
public sealed class ReportCommandTests : IDisposable
{
    private readonly ReportFixtureRuns _runs = new();
    private readonly StringWriter _error = new();
    private readonly TextWriter _originalError = Console.Error;

    public ReportCommandTests() => Console.SetError(_error);

    [Theory]
    [InlineData("report")]
    [InlineData("report", "x.json", "--threshold", "-1")]
    [InlineData("report", "x.json", "--no-such-flag")]
    public void BadFlags_ExitWithUsage(params string[] args)
    {
        Assert.Equal(ExitCode.Usage, Run(args));
        Assert.StartsWith("aiotools: ", _error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptInput_IsAWarning_ButAnErrorUnderStrict()
    {
        var good = _runs.Write("in/good.json", ResultFiles.Serialize(FixtureReports.C10k()));
        var corrupt = _runs.Write("in/corrupt.json", "{\"schema\":\"aiotools.result/1\",");
        var output = Path.Combine(_runs.Folder, "out", "report.md");

        Assert.Equal(ExitCode.Success, Run("report", good, corrupt, "--out", output));
        Assert.True(File.Exists(output));
        Assert.Equal(ExitCode.BadInput, Run("report", good, corrupt, "--strict", "--out", output));
        Assert.Matches($"^aiotools: {System.Text.RegularExpressions.Regex.Escape(corrupt)}: corrupt or truncated JSON [^\n]*\n$", _error.ToString()[_error.ToString().LastIndexOf("aiotools: ", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void Regression_FailsOnlyWithFailOnRegression()
    {
        var baseline = _runs.Write("base/c10k.json", ResultFiles.Serialize(FixtureReports.C10k()));
        var current = _runs.Write("now/c10k.json", ResultFiles.Serialize(BaselineTests.Slower()));
        var output = Path.Combine(_runs.Folder, "out", "report.md");

        Assert.Equal(ExitCode.Success, Run("report", current, "--baseline", baseline, "--out", output));
        Assert.Equal(ExitCode.ThresholdExceeded, Run("report", current, "--baseline", baseline, "--fail-on-regression", "--out", output));
        Assert.Contains("**Regression**", File.ReadAllText(output), StringComparison.Ordinal);
        Assert.Equal(ExitCode.Success, Run("report", baseline, "--baseline", baseline, "--fail-on-regression", "--out", output));
    }

    [Fact]
    public void UnknownReferenceEngine_ExitsWithUsage()
    {
        var good = _runs.Write("in/good.json", ResultFiles.Serialize(FixtureReports.C10k()));

        Assert.Equal(ExitCode.Usage, Run("report", good, "--reference-engine", "nope", "--out", Path.Combine(_runs.Folder, "r.md")));
    }

    public void Dispose()
    {
        Console.SetError(_originalError);
        _error.Dispose();
        _runs.Dispose();
    }

    private static ExitCode Run(params string[] args)
    {
        var entry = typeof(CommandHost).Assembly.EntryPoint!;
        var result = entry.Invoke(null, [args]);
        return (ExitCode)(result is Task<int> task ? task.GetAwaiter().GetResult() : (int)result!);
    }
}

/// <summary>Tests that run the CLI, which writes to the process's console, run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleUsers), DisableParallelization = true)]
public sealed class ConsoleUsers;
