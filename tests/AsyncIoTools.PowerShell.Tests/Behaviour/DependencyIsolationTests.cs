using System.Diagnostics;
using System.Text.Json;

namespace AsyncIoTools.PowerShell.Tests.Behaviour;

/// <summary>
/// The laid-out module loaded as pwsh loads it, in a process that knows nothing of AsyncIoTools (the ModuleHost
/// target): the diagnostics stack resolves into the module's own load context and works there for real (a lag
/// session, a heap scan, the process list), the shared assemblies stay in the default one, another module asking
/// for TraceEvent is not handed ours, and the module starts a server from its own copy of aiotools.
/// </summary>
public sealed class DependencyIsolationTests
{
    private static readonly string[] Isolated =
    [
        "AsyncIoTools.Diagnostics", "Microsoft.Diagnostics.Tracing.TraceEvent", "Microsoft.Diagnostics.NETCore.Client",
        "Microsoft.Diagnostics.FastSerialization",
    ];

    [Fact]
    public async Task LaidOutModule_LoadsTheDiagnosticsStackIntoItsOwnContext_AndStartsServersFromItsFolder()
    {
        using var target = Process.Start(new ProcessStartInfo(Repository.Target("AsyncIoTools.LagTarget"), ["--mode", "none"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            Assert.Contains("ready", await target.StandardOutput.ReadLineAsync(), StringComparison.Ordinal);
            var result = await RunHostAsync(target.Id);

            var assemblies = result.GetProperty("assemblies").EnumerateArray()
                .ToDictionary(a => a.GetProperty("name").GetString()!, a => (Context: a.GetProperty("context").GetString(), Location: a.GetProperty("location").GetString()!));
            var dependencies = Path.Combine(Repository.ModuleFolder, "dependencies");
            foreach (var name in Isolated)
            {
                Assert.True(assemblies.ContainsKey(name), $"{name} was not loaded");
                Assert.Equal("AsyncIoTools.Dependencies", assemblies[name].Context);
                Assert.Equal(dependencies, Path.GetDirectoryName(assemblies[name].Location));
            }

            foreach (var name in new[] { "AsyncIoTools.PowerShell", "AsyncIoTools.Core", "AsyncIoTools.Engines" })
            {
                Assert.Equal("Default", assemblies[name].Context);
                Assert.Equal(Repository.ModuleFolder, Path.GetDirectoryName(assemblies[name].Location));
            }

            Assert.False(result.GetProperty("traceEventFromDefault").GetBoolean());
            Assert.True(result.GetProperty("lagItems").GetInt64() > 0, "the lag session through the isolated TraceEvent saw no work item");
            Assert.True(result.GetProperty("dotNetProcesses").GetInt32() >= 1, "the process list through the isolated client did not find the target");
            // The heap is read by the helper process from dependencies/, so ClrMD never loads into the host.
            // The target always holds two kinds of pending calls (subscriptions, session reads); its request loop is
            // pending most of the time but may be caught running (seen under load), so two is what is certain.
            Assert.True(result.GetProperty("hotspotMethods").GetInt32() >= 2, "the heap snapshot through the module's helper found too few async methods");
            Assert.False(assemblies.ContainsKey("Microsoft.Diagnostics.Runtime"), "ClrMD was loaded into the host process");
            Assert.StartsWith(Path.Combine(Repository.ModuleFolder, "aiotools"), result.GetProperty("serverLaunch").GetString(), StringComparison.Ordinal);
            Assert.Equal("HTTP/1.1 200 OK", result.GetProperty("serverStatusLine").GetString());
            Assert.Equal(1, result.GetProperty("serverRequests").GetInt64());
        }
        finally
        {
            target.StandardInput.Close();
            if (!target.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                target.Kill();
            }
        }
    }

    private static async Task<JsonElement> RunHostAsync(int lagTarget)
    {
        using var host = Process.Start(new ProcessStartInfo(Repository.Target("AsyncIoTools.ModuleHost"), [Repository.ModuleFolder, lagTarget.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = host.StandardOutput.ReadToEndAsync();
        var error = host.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await host.WaitForExitAsync(timeout.Token);
        Assert.True(host.ExitCode == 0, $"ModuleHost failed ({host.ExitCode}): {await error}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }
}
