using System.Security.Cryptography;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Protocols;
using Xunit;

namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>
/// File serving, for every engine and transfer method it declares: whole files arrive intact, and nothing
/// outside the root is ever served — not by "..", encodings, absolute paths or symlinks pointing out.
/// </summary>
public sealed class FileServingTests : IDisposable
{
    private readonly string _outside = Directory.CreateTempSubdirectory("aiotools-outside-").FullName;
    private readonly string _root = Directory.CreateTempSubdirectory("aiotools-root-").FullName;
    private readonly byte[] _big = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);

    public FileServingTests()
    {
        File.WriteAllBytes(Path.Combine(_root, "big.bin"), _big);
        File.WriteAllText(Path.Combine(_root, "a.txt"), "hello");
        Directory.CreateDirectory(Path.Combine(_root, "sub"));
        File.WriteAllText(Path.Combine(_root, "sub", "b.txt"), "inner");
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "SECRET");
        File.CreateSymbolicLink(Path.Combine(_root, "link-out"), Path.Combine(_outside, "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(_root, "dir-out"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "link-in"), "a.txt");
    }

    public static TheoryData<EngineCase, FileTransfer> Cases()
    {
        var data = new TheoryData<EngineCase, FileTransfer>();
        foreach (var engine in EngineRegistry.Default.Engines)
        {
            foreach (var transfer in engine.FileTransfers)
            {
                data.Add(new EngineCase(engine.Name, engine.DefaultVariant.Name), transfer);
            }
        }

        return data;
    }

    [EngineTheory]
    [MemberData(nameof(Cases))]
    public async Task Get_BigFileTwiceOnOneConnection_ArrivesWhole(EngineCase engine, FileTransfer transfer)
    {
        await using var server = await StartAsync(engine, transfer);
        using var client = server.Connect();

        for (var i = 0; i < 2; i++)
        {
            client.Send(RawClient.Get("/big.bin"));
            var response = client.ReadResponseBytes();
            Assert.Equal(200, response.Status);
            Assert.Equal(_big, response.Body);
        }
    }

    [EngineTheory]
    [MemberData(nameof(Cases))]
    public async Task Get_PathsThatEscapeTheRoot_NeverServeWhatIsOutside(EngineCase engine, FileTransfer transfer)
    {
        await using var server = await StartAsync(engine, transfer);
        var expected = new (string Path, int Status, string? Body)[]
        {
            ("/a.txt", 200, "hello"),
            ("/sub/b.txt", 200, "inner"),
            ("/link-in", 200, "hello"),
            ("/missing", 404, null),
            ("/sub", 404, null),
            ("/link-out", 404, null),
            ("/dir-out/secret.txt", 404, null),
            ("/../secret.txt", 400, null),
            ("/%2e%2e/secret.txt", 400, null),
            ("/sub/..%2f..%2fsecret.txt", 400, null),
            ("/" + _outside.TrimStart('/') + "/secret.txt", 404, null),
            ("//" + _outside.TrimStart('/') + "/secret.txt", 400, null),
            ("/a.txt%00.png", 400, null),
        };

        foreach (var (path, status, body) in expected)
        {
            using var client = server.Connect();
            client.Send(RawClient.Get(path));
            var response = client.ReadResponse();
            Assert.True(status == response.Status, $"{path}: expected {status}, got {response.Status}");
            Assert.DoesNotContain("SECRET", response.Body, StringComparison.Ordinal);
            if (body is not null)
            {
                Assert.Equal(body, response.Body);
            }
        }
    }

    [EngineTheory]
    [MemberData(nameof(Cases))]
    public async Task Head_SaysTheLengthAndSendsNoBody(EngineCase engine, FileTransfer transfer)
    {
        await using var server = await StartAsync(engine, transfer);
        using var client = server.Connect();

        client.Send("HEAD /big.bin HTTP/1.1\r\nHost: t\r\n\r\n" + RawClient.Get("/a.txt"));

        var head = client.ReadHead();
        Assert.Equal(_big.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), head.Header("Content-Length"));
        Assert.Equal("hello", client.ReadResponse().Body);
    }

    [Fact]
    public void Create_EngineWithoutTheTransfer_IsUnavailableWithTheReason()
    {
        var engine = EngineRegistry.Default.Engines.First(e => e.FileTransfers.Count > 0);
        var registry = new EngineRegistry([engine with { FileTransfers = [FileTransfer.Sendfile] }]);

        var failure = Assert.Throws<AsyncIoTools.Failures.AsyncIoToolsException>(() =>
            registry.Create(new ServerSettings { Engine = engine.Name, Protocol = ProtocolSettings.Files(_root), Transfer = FileTransfer.Splice }));

        Assert.Equal(AsyncIoTools.Failures.FailureKind.EngineUnavailable, failure.Kind);
        Assert.Contains("splice", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    private Task<ServerUnderTest> StartAsync(EngineCase engine, FileTransfer transfer) =>
        ServerUnderTest.StartAsync(engine, ProtocolSettings.Files(_root), configure: s => s with { Transfer = transfer });
}
