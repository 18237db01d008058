using System.CommandLine;
using AsyncIoTools.Cli.Commands.Diagnostics;

namespace AsyncIoTools.Cli.Commands;

/// <summary>The whole command tree of aiotools, in one place so that tests can walk exactly what users get.</summary>
internal static class AiotoolsCommand
{
    public static RootCommand Create() => new("aiotools: measure async I/O engines (select → io_uring, IOCP) and diagnose slow .NET services.")
    {
        EnginesCommand.Create(),
        ServeCommand.Create(),
        LoadCommand.Create(),
        BenchCommand.Create(),
        ScenariosCommand.Create(),
        ReportCommand.Create(),
        PsCommand.Create(),
        LagCommand.Create(),
        BlockingCommand.Create(),
        HotspotsCommand.Create(),
        DiagnoseCommand.Create(),
        WatchCommand.Create(),
    };
}
