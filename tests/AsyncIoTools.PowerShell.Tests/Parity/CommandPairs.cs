using System.CommandLine;
using AsyncIoTools.Cli.Commands;
using AsyncIoTools.Cli.Commands.Diagnostics;
using AsyncIoTools.Results;

namespace AsyncIoTools.PowerShell.Tests.Parity;

/// <summary>
/// Each CLI command, built by its real factory, with the cmdlet that does the same, the core calls both must make,
/// and the deliberate differences between their options: THE parity table (README and help follow it).
/// </summary>
public static class CommandPairs
{
    private const string Format = "Cmdlets write objects; PowerShell formats them (Format-Table, ConvertTo-Json, ConvertTo-Csv).";
    private const string OneOfTwoSets = "PowerShell's parameter sets: an id or a name, each mandatory in its own set; the CLI checks 'one of them' when it runs.";

    public static IReadOnlyList<(string Command, Func<Command> Create, string Cmdlet, string[] CliTypes, string[] SharedCalls)> All { get; } =
    [
        ("engines", EnginesCommand.Create, "Get-IoEngine", ["AsyncIoTools.Cli.Commands.EnginesCommand"],
            ["AsyncIoTools.Engines.Contract.EngineRegistry::Describe/0"]),
        ("scenarios", ScenariosCommand.Create, "Get-BenchmarkScenario", ["AsyncIoTools.Cli.Commands.ScenariosCommand"],
            ["AsyncIoTools.Benchmarks.Scenarios.ScenarioCatalog::get_BuiltIn/0"]),
        ("bench", BenchCommand.Create, "Invoke-C10kBenchmark", ["AsyncIoTools.Cli.Commands.BenchCommand"],
            ["AsyncIoTools.Benchmarks.Runner.BenchmarkRequest::Bind/0", "AsyncIoTools.Benchmarks.Runner.BenchmarkRunner::RunAsync/3", "AsyncIoTools.Results.ResultFiles::Write/2"]),
        ("serve", ServeCommand.Create, "Start-IoEngineServer", ["AsyncIoTools.Cli.Commands.ServeCommand"],
            ["AsyncIoTools.Engines.Contract.ServerSettings::.ctor/0", "AsyncIoTools.Engines.Protocols.ProtocolSettings::.ctor/0", "AsyncIoTools.Engines.Contract.SocketTuning::.ctor/0"]),
        ("load", LoadCommand.Create, "Invoke-LoadTest", ["AsyncIoTools.Cli.Commands.LoadCommand", "AsyncIoTools.Cli.Commands.TargetParser"],
            ["AsyncIoTools.Benchmarks.Load.LoadTest::RunAsync/3", "AsyncIoTools.Benchmarks.Load.LoadTarget::TryParse/3", "AsyncIoTools.Benchmarks.Load.LoadOptions::.ctor/0"]),
        ("report", ReportCommand.Create, "New-PerformanceReport", ["AsyncIoTools.Cli.Commands.ReportCommand"],
            ["AsyncIoTools.Reports.PerformanceReports::Create/1", "AsyncIoTools.Reports.PerformanceReport::RegressionFailure/1", "AsyncIoTools.Reports.ReportOptions::.ctor/0"]),
        ("ps", PsCommand.Create, "Get-DotNetProcess", ["AsyncIoTools.Cli.Commands.Diagnostics.PsCommand"],
            ["AsyncIoTools.Diagnostics.Targets.DotNetProcessLister::List/0"]),
        ("lag", LagCommand.Create, "Get-EventLoopLag", ["AsyncIoTools.Cli.Commands.Diagnostics.LagCommand", "AsyncIoTools.Cli.Commands.Diagnostics.LagSession"],
            ["AsyncIoTools.Diagnostics.Lag.LagMonitor::Locate/1", "AsyncIoTools.Diagnostics.Lag.LagMonitor::RunAsync/6", "AsyncIoTools.Diagnostics.Lag.LagOptions::.ctor/0"]),
        ("blocking", BlockingCommand.Create, "Get-BlockingCall", ["AsyncIoTools.Cli.Commands.Diagnostics.BlockingCommand"],
            ["AsyncIoTools.Diagnostics.Blocking.BlockingProfiler::RunAsync/2", "AsyncIoTools.Diagnostics.Blocking.BlockingOptions::.ctor/0"]),
        ("hotspots", HotspotsCommand.Create, "Get-AsyncHotspot", ["AsyncIoTools.Cli.Commands.Diagnostics.HotspotsCommand"],
            ["AsyncIoTools.Diagnostics.Hotspots.AsyncHotspotScanner::ScanAsync/2", "AsyncIoTools.Diagnostics.Hotspots.AsyncCallTracer::RunAsync/2", "AsyncIoTools.Diagnostics.Hotspots.HotspotsOptions::.ctor/0"]),
        ("diagnose", DiagnoseCommand.Create, "Invoke-Diagnosis", ["AsyncIoTools.Cli.Commands.Diagnostics.DiagnoseCommand"],
            ["AsyncIoTools.Diagnostics.Incidents.Diagnoser::RunAsync/2", "AsyncIoTools.Diagnostics.Incidents.DiagnoseOptions::.ctor/0"]),
        ("watch", WatchCommand.Create, "Wait-Incident", ["AsyncIoTools.Cli.Commands.Diagnostics.WatchCommand"],
            ["AsyncIoTools.Diagnostics.Incidents.IncidentWatcher::RunAsync/6", "AsyncIoTools.Diagnostics.Incidents.WatchOptions::.ctor/0", "AsyncIoTools.Diagnostics.Incidents.WatchRules::.ctor/0", "AsyncIoTools.Reports.Incidents.IncidentFiles::.ctor/0"]),
    ];

    /// <summary>Cmdlets with no CLI command of their own, and why.</summary>
    public static IReadOnlyDictionary<string, string> ModuleOnly { get; } = new Dictionary<string, string>
    {
        ["Stop-IoEngineServer"] = "The CLI's serve runs in the foreground and stops on Ctrl+C; the module's servers are jobs.",
        ["Get-IoEngineServerCounter"] = "Reads a running server job's counters (the runner's control channel); a foreground serve prints them when it stops.",
        ["Import-BenchmarkResult"] = "Result files are read by aiotools report directly; in PowerShell they become objects to inspect or pipe.",
    };

    private const string OneOfSets = "PowerShell's parameter sets: ids, names or -All, each mandatory in its own set; the CLI checks 'one of them' when it runs.";
    private const string Launch = "The app to start is -FilePath and -ArgumentList, as Start-Process takes them, in their own parameter set; the CLI takes the command after --.";
    private const string PortSet = "Mandatory in its own parameter set (listen for an app), optional with -FilePath; the CLI checks the combination when it runs.";
    private const string LaunchParts = "With -FilePath (Start-Process's spelling), the CLI's command after --.";

    public static IReadOnlyList<Difference> Differences { get; } =
    [
        new("engines", "format", DifferenceKind.NotInCmdlet, Format),
        new("engines", "Name", DifferenceKind.CmdletOnly, "Filter by engine name with wildcards, or from the pipeline."),
        new("engines", "Available", DifferenceKind.CmdletOnly, "Only the variants that run here, for scripts."),
        new("scenarios", "format", DifferenceKind.NotInCmdlet, Format),
        new("scenarios", "Name", DifferenceKind.CmdletOnly, "Filter the catalogue with wildcards."),
        new("scenarios", "Path", DifferenceKind.CmdletOnly, "Read and validate scenario files, as bench --scenario FILE does."),
        new("bench", "format", DifferenceKind.NotInCmdlet, Format),
        new("serve", "root", DifferenceKind.Type, "A path string resolved against PowerShell's current location, not the process's."),
        new("serve", "Name", DifferenceKind.CmdletOnly, "The job's name (Get-Job -Name)."),
        new("load", "target", DifferenceKind.Type, "A string (also Start-IoEngineServer's Target from the pipeline), parsed by the same LoadTarget.TryParse."),
        new("load", "cpus", DifferenceKind.NotInCmdlet, "The load generator runs inside PowerShell: pinning it would pin the whole session."),
        new("load", "format", DifferenceKind.NotInCmdlet, Format),
        new("report", "LiteralPath", DifferenceKind.CmdletOnly, "PowerShell's literal paths; Get-ChildItem output binds here."),
        new("report", "InputObject", DifferenceKind.CmdletOnly, "Result objects from the pipeline (Invoke-C10kBenchmark, Import-BenchmarkResult)."),
        new("ps", "format", DifferenceKind.NotInCmdlet, Format),
        new("ps", "Name", DifferenceKind.CmdletOnly, "Filter by process name with wildcards."),
        new("lag", "process-id", DifferenceKind.Mandatory, OneOfSets),
        new("lag", "name", DifferenceKind.Mandatory, OneOfSets),
        new("lag", "all", DifferenceKind.Mandatory, OneOfSets),
        new("lag", "format", DifferenceKind.NotInCmdlet, Format),
        new("lag", "command", DifferenceKind.NotInCmdlet, Launch),
        new("lag", "FilePath", DifferenceKind.CmdletOnly, Launch),
        new("lag", "ArgumentList", DifferenceKind.CmdletOnly, LaunchParts),
        new("lag", "diagnostic-port", DifferenceKind.Mandatory, PortSet),
        new("blocking", "command", DifferenceKind.NotInCmdlet, Launch),
        new("blocking", "FilePath", DifferenceKind.CmdletOnly, Launch),
        new("blocking", "ArgumentList", DifferenceKind.CmdletOnly, LaunchParts),
        new("blocking", "diagnostic-port", DifferenceKind.Mandatory, PortSet),
        new("hotspots", "command", DifferenceKind.NotInCmdlet, Launch),
        new("hotspots", "FilePath", DifferenceKind.CmdletOnly, Launch),
        new("hotspots", "ArgumentList", DifferenceKind.CmdletOnly, LaunchParts),
        new("hotspots", "diagnostic-port", DifferenceKind.Mandatory, PortSet),
        new("blocking", "process-id", DifferenceKind.Mandatory, OneOfTwoSets),
        new("blocking", "name", DifferenceKind.Mandatory, OneOfTwoSets),
        new("blocking", "format", DifferenceKind.NotInCmdlet, Format),
        new("hotspots", "process-id", DifferenceKind.Mandatory, OneOfTwoSets),
        new("hotspots", "name", DifferenceKind.Mandatory, OneOfTwoSets),
        new("hotspots", "format", DifferenceKind.NotInCmdlet, Format),
        new("diagnose", "process-id", DifferenceKind.Mandatory, OneOfTwoSets),
        new("diagnose", "name", DifferenceKind.Mandatory, OneOfTwoSets),
        new("diagnose", "format", DifferenceKind.NotInCmdlet, Format),
        new("watch", "process-id", DifferenceKind.Mandatory, OneOfTwoSets),
        new("watch", "name", DifferenceKind.Mandatory, OneOfTwoSets),
        new("watch", "format", DifferenceKind.NotInCmdlet, Format),
    ];
}
