namespace AsyncIoTools.PowerShell.Runspace.Tests;

/// <summary>
/// Objects a script can use: every output type resolves as a type literal after Import-Module (our own assemblies
/// are not hidden in the dependency load context; TraceEvent and the diagnostics client are), has a default view
/// with units, and reaches ConvertTo-Json, Export-Csv and Select-Object as flat, named figures.
/// </summary>
public sealed class OutputTests(ModuleSession session) : IClassFixture<ModuleSession>
{
    [Fact]
    public void EveryOutputType_IsATypeLiteral_WithADefaultView()
    {
        var types = session.Run("Get-Command -Module AsyncIoTools | ForEach-Object OutputType | ForEach-Object Name | Sort-Object -Unique")
            .Select(o => o.ToString()).ToList();
        Assert.Contains("AsyncIoTools.PowerShell.Output.EventLoopLagReport", types);
        foreach (var type in types)
        {
            var resolved = session.Run($"[{type}].FullName").Single().ToString();
            Assert.Equal(type, resolved);
            var views = session.Run($"(Get-FormatData -TypeName '{type}').FormatViewDefinition | ForEach-Object {{ $_.Control.GetType().Name }}").Select(v => v.ToString());
            Assert.Contains("TableControl", views);
        }
    }

    [Fact]
    public void ThirdPartyAssemblies_StayInTheModulesOwnLoadContext()
    {
        var target = ModuleSession.StartLagTarget();
        try
        {
            // The session ran through the isolated TraceEvent (its verdict depends on how busy the machine is).
            var verdict = session.Run($"(Get-EventLoopLag -ProcessId {target.Id} -Duration 1s -Interval 500ms).Verdict").Single().ToString();
            Assert.Contains(verdict, new[] { "Healthy", "Lagging", "Starved" });
        }
        finally
        {
            ModuleSession.Stop(target);
        }

        var isolated = session.Run("""
            $context = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'AsyncIoTools.Dependencies'
            $context.Assemblies | ForEach-Object { $_.GetName().Name }
            """).Select(o => o.ToString()).ToList();
        Assert.Contains("Microsoft.Diagnostics.NETCore.Client", isolated);
        Assert.Contains("Microsoft.Diagnostics.Tracing.TraceEvent", isolated);
        Assert.Contains("AsyncIoTools.Diagnostics", isolated);
        Assert.Equal("unresolved", session.Run("if ('Microsoft.Diagnostics.NETCore.Client.DiagnosticsClient' -as [type]) { 'resolved' } else { 'unresolved' }").Single().ToString());
        Assert.Empty(session.Run("[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Diagnostics.NETCore.Client' -and [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name -ne 'AsyncIoTools.Dependencies' }"));
    }

    [Fact]
    public void LoadTestResults_AreFlatNamedFigures_ShownWithUnits()
    {
        var script = """
            $server = Start-IoEngineServer -Engine epoll -Port 0
            try { Invoke-LoadTest -Target $server.Target -Connections 4 -Duration 300ms -Warmup 0 } finally { $server | Stop-IoEngineServer }
            """;
        var result = session.Run(script).Single();
        Assert.Equal("AsyncIoTools.PowerShell.Output.LoadTestResult", result.BaseObject.GetType().FullName);
        Assert.True((double)result.Properties["RequestsPerSecond"].Value > 0);
        Assert.True((double)result.Properties["P99Micros"].Value > 0);

        using var shell = session.Shell("param($r) $r | ConvertTo-Json -Depth 1 | ConvertFrom-Json -AsHashtable");
        shell.AddArgument(result);
        var json = (System.Collections.Hashtable)shell.Invoke().Single().BaseObject;
        Assert.Contains("RequestsPerSecond", json.Keys.Cast<string>());
        Assert.Contains("P99Micros", json.Keys.Cast<string>());
        Assert.All(json.Values.Cast<object?>(), v => Assert.True(v is null || v is string || v.GetType().IsPrimitive || v is decimal, $"nested value {v}"));

        using var csv = session.Shell("param($r) ($r | ConvertTo-Csv)[0]");
        csv.AddArgument(result);
        var header = csv.Invoke().Single().ToString();
        Assert.Contains("\"RequestsPerSecond\"", header, StringComparison.Ordinal);
        Assert.DoesNotContain("Report", header, StringComparison.Ordinal);

        using var table = session.Shell("param($r) $r | Out-String -Width 80");
        table.AddArgument(result);
        var text = table.Invoke().Single().ToString();
        Assert.Matches(@"Req/s\s+P50\s+P99", text);
        Assert.Matches(@"[0-9.]+(k|M)?/s", text);
        Assert.Matches(@"[0-9.]+(µs|ms)", text);
        Assert.All(text.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, line));
    }

    [Fact]
    public void BenchmarkPoints_PipeIntoAReport_AndConvertToTheirResult()
    {
        var script = """
            $points = Invoke-C10kBenchmark -Engine epoll,poll -Connections 10 -Duration 200ms -Warmup 0 -Trials 1 -NoPin -OutputPath (Join-Path ([IO.Path]::GetTempPath()) aiotools-output-tests) -WarningAction SilentlyContinue
            $report = $points | New-PerformanceReport
            [pscustomobject]@{
                Points = $points.Count
                Engines = ($points.Engine | Sort-Object) -join ','
                Types = ($points | ForEach-Object { $_.GetType().Name } | Sort-Object -Unique) -join ','
                SameResult = [object]::ReferenceEquals([AsyncIoTools.Results.BenchmarkResult]$points[0], [AsyncIoTools.Results.BenchmarkResult]$points[1])
                Scenarios = $report.Model.Scenarios.Count
                Markdown = $report.Markdown
                Columns = (($points | Select-Object * | Get-Member -MemberType NoteProperty).Name) -join ','
            }
            """;
        var summary = session.Run(script).Single();
        Assert.Equal(2, (int)summary.Properties["Points"].Value);
        Assert.Equal("epoll,poll", summary.Properties["Engines"].Value);
        Assert.Equal("BenchmarkPoint", summary.Properties["Types"].Value);
        Assert.True((bool)summary.Properties["SameResult"].Value);
        Assert.Contains("epoll", (string)summary.Properties["Markdown"].Value, StringComparison.Ordinal);
        var columns = ((string)summary.Properties["Columns"].Value).Split(',');
        Assert.Contains("RequestsPerSecond", columns);
        Assert.Contains("P99Micros", columns);
        Assert.DoesNotContain("Result", columns);
    }
}
