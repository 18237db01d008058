using System.Net;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>
/// A file server holds its root folder open once, whatever its loops, and closes it when it stops — every engine,
/// not only the reactor (io_uring, threads and dotnet used to keep it open for good). In this process, so that its
/// descriptors can be read before and after.
/// </summary>
public sealed class FileRootTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("aiotools-root-").FullName;

    public FileRootTests() => File.WriteAllText(Path.Combine(_root, "a.txt"), "hello");

    public static TheoryData<string> FileEngines()
    {
        var data = new TheoryData<string>();
        foreach (var engine in EngineRegistry.Default.Engines.Where(e => e.FileTransfers.Count > 0 && e.ProbeVariant(e.DefaultVariant).IsAvailable))
        {
            data.Add(engine.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FileEngines))]
    public async Task Stop_ClosesTheRootItHeldOnceForAllItsLoops(string engine)
    {
        var definition = EngineRegistry.Default.TryFind(engine)!;
        var server = EngineRegistry.Default.Create(new ServerSettings
        {
            Engine = engine,
            Protocol = ProtocolSettings.Files(_root),
            Transfer = definition.FileTransfers[0],
            Endpoint = new IPEndPoint(IPAddress.Loopback, 0),
            Loops = 2,
        });
        try
        {
            server.Start();
            using (var client = RawClient.Connect(server.LocalEndPoint))
            {
                client.Send(RawClient.Get("/a.txt"));
                Assert.Equal("hello", client.ReadResponse().Body);
            }

            Assert.Equal(1, RootDescriptors());
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.Equal(0, RootDescriptors());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>This process's descriptors that refer to the root folder.</summary>
    private int RootDescriptors() =>
        Directory.EnumerateFileSystemEntries("/proc/self/fd").Count(fd => new FileInfo(fd).LinkTarget == _root);
}
