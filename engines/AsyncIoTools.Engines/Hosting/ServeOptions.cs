using System.Net;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Hosting;

/// <summary>
/// What <c>serve</c> (<c>Start-IoEngineServer</c>) runs: the engine's settings and how the process is hosted. Its
/// defaults are a person's (port 8080); its settings: <see cref="ServeSettings"/>.
/// </summary>
public sealed record ServeOptions
{
    /// <summary>The port a person gets who names none.</summary>
    public const int DefaultPort = 8080;

    public ServerSettings Server { get; init; } = new() { Endpoint = new IPEndPoint(IPAddress.Loopback, DefaultPort) };

    public ServerHostOptions Host { get; init; } = new();
}
