using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Hosting;

/// <summary>The <c>aiotools serve</c> command line that runs <see cref="ServerSettings"/> in a child process.</summary>
public static class ServeArguments
{
    /// <summary>Every setting, defaults included (<see cref="ServeSettings.CommandLine"/>), so the child runs exactly these.</summary>
    public static IReadOnlyList<string> For(ServerSettings settings, IReadOnlyList<int>? cpus, bool control) =>
        ServeSettings.CommandLine(new ServeOptions { Server = settings, Host = new ServerHostOptions { Cpus = cpus, Control = control } });
}
