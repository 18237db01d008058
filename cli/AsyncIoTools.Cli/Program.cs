using AsyncIoTools.Cli.Commands;
using AsyncIoTools.Cli.Hosting;

// Program only runs the command tree; each command is built by its own factory under Commands/.
return await CommandHost.RunAsync(AiotoolsCommand.Create(), args);
