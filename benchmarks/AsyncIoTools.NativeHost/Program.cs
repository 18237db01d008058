using System.CommandLine;
using AsyncIoTools.Cli.Commands;
using AsyncIoTools.Cli.Hosting;

// The two commands a benchmark's child processes run (server workers, load shards), with the CLI's own factories
// and host: the same options, errors and exit codes as aiotools.
var root = new RootCommand("aiotools (native host): serve and load only; every other command is in the full aiotools.")
{
    ServeCommand.Create(),
    LoadCommand.Create(),
};

return await CommandHost.RunAsync(root, args);
