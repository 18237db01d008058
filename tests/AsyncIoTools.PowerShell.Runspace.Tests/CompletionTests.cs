namespace AsyncIoTools.PowerShell.Runspace.Tests;

/// <summary>Tab completion, as the console asks for it (TabExpansion2): engines, variants, scenarios and cases from the registry and the catalogue.</summary>
public sealed class CompletionTests(ModuleSession session) : IClassFixture<ModuleSession>
{
    [Theory]
    [InlineData("Invoke-C10kBenchmark -Engine ep", new[] { "epoll", "epoll:edge", "epoll:level" })]
    [InlineData("Invoke-C10kBenchmark -Engine io_uring:s", new[] { "io_uring:send-completions", "io_uring:send-zc", "io_uring:sqpoll" })]
    [InlineData("Invoke-C10kBenchmark -Scenario c10", new[] { "c100k", "c100k-idle", "c10k", "c10k-idle" })]
    [InlineData("Invoke-C10kBenchmark -Scenario nagle -Case no", new[] { "nodelay-off", "nodelay-on" })]
    [InlineData("Start-IoEngineServer -Engine epoll -Variant ", new[] { "edge", "level" })]
    [InlineData("Start-IoEngineServer -Engine po", new[] { "poll" })]
    [InlineData("Get-IoEngine io", new[] { "io_uring", "iocp" })]
    [InlineData("Get-BenchmarkScenario fi", new[] { "file-1m", "file-64m" })]
    [InlineData("New-PerformanceReport -ReferenceEngine thr", new[] { "threads", "threads:blocking" })]
    public void Completes(string line, string[] expected)
    {
        var completions = session.Run($"(TabExpansion2 -inputScript '{line}' -cursorColumn {line.Length}).CompletionMatches | ForEach-Object CompletionText")
            .Select(o => o.ToString()).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), completions.Order(StringComparer.Ordinal));
    }
}
