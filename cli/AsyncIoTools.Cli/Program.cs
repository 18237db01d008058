using System.CommandLine;
using AsyncIoTools.Cli.Commands;
using AsyncIoTools.Cli.Commands.Diagnostics;
using AsyncIoTools.Cli.Hosting;

// Program only composes the commands; each one is built by its own factory under Commands/.
var root = new RootCommand("aiotools: measure async I/O engines (select → io_uring, IOCP) and diagnose slow .NET services.")
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

return await CommandHost.RunAsync(root, args);
