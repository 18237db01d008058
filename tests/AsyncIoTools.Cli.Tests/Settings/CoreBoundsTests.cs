using System.CommandLine;
using AsyncIoTools.Cli.Commands;
using AsyncIoTools.Cli.Commands.Diagnostics;
using AsyncIoTools.Cli.Hosting;

namespace AsyncIoTools.Cli.Tests.Settings;

/// <summary>
/// The CLI declares no bounds of its own: the core checks the table's before it attaches, listens or reads a file,
/// and the CLI prints the refusal with its own spelling, exit code 2 (the module's [ValidateRange]s are the same
/// bounds: PowerShell.Tests' SettingParityTests).
/// </summary>
public sealed class CoreBoundsTests
{
    public static TheoryData<string[], string> OutOfBounds() => new()
    {
        { ["report", "--threshold", "5000", "results.json"], "--threshold must be 0 to 1,000 (got 5000)" },
        { ["diagnose", "--process-id", "1", "--top", "0"], "--top must be at least 1 (got 0)" },
        { ["blocking", "--process-id", "1", "--top", "0"], "--top must be at least 1 (got 0)" },
        { ["hotspots", "--process-id", "1", "--top", "0"], "--top must be at least 1 (got 0)" },
        { ["lag", "--all", "--metrics-port", "70000"], "--metrics-port must be 1 to 65,535 (got 70000)" },
        { ["lag", "--process-id", "1", "--interval", "50ms"], "--interval must be at least 100ms (got 50ms)" },
        { ["watch", "--process-id", "1", "--capture", "500ms"], "--capture must be at least 1s (got 500ms)" },
        { ["watch", "--process-id", "1", "--threads-climb", "-1"], "--threads-climb must be at least 0 (got -1)" },
    };

    [Theory]
    [MemberData(nameof(OutOfBounds))]
    public async Task OutOfBounds_IsAUsageErrorNamingTheOption(string[] arguments, string message)
    {
        var root = new RootCommand { ReportCommand.Create(), DiagnoseCommand.Create(), BlockingCommand.Create(), HotspotsCommand.Create(), LagCommand.Create(), WatchCommand.Create() };
        using var error = new StringWriter();

        var code = await CommandHost.RunAsync(root, arguments, error);

        Assert.Equal("aiotools: " + message, error.ToString().Trim());
        Assert.Equal((int)ExitCode.Usage, code);
    }
}
