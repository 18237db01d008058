using System.Security.Cryptography;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Workloads;

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

    /// <summary>The variants besides each engine's default, with each transfer it declares (zero-copy sends, fixed files…).</summary>
    public static TheoryData<EngineCase, FileTransfer> OtherVariantCases()
    {
        var data = new TheoryData<EngineCase, FileTransfer>();
        foreach (var engine in EngineRegistry.Default.Engines)
        {
            foreach (var variant in engine.Variants.Where(v => v != engine.DefaultVariant))
            {
                foreach (var transfer in engine.FileTransfers)
                {
                    data.Add(new EngineCase(engine.Name, variant.Name), transfer);
                }
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

    /// <summary>Each engine once, with the first transfer it declares: where a path leads is decided before any transfer.</summary>
    public static TheoryData<EngineCase, FileTransfer> OneTransferPerEngine()
    {
        var data = new TheoryData<EngineCase, FileTransfer>();
        foreach (var engine in EngineRegistry.Default.Engines.Where(e => e.FileTransfers.Count > 0))
        {
            data.Add(new EngineCase(engine.Name, engine.DefaultVariant.Name), engine.FileTransfers[0]);
        }

        return data;
    }

    [EngineTheory]
    [MemberData(nameof(OneTransferPerEngine))]
    public async Task Get_FilesInsideTheRoot_AreServed_OthersAre404(EngineCase engine, FileTransfer transfer) =>
        await AssertAnswersAsync(engine, transfer, ("/a.txt", 200, "hello"), ("/sub/b.txt", 200, "inner"), ("/link-in", 200, "hello"), ("/missing", 404, null), ("/sub", 404, null));

    [EngineTheory]
    [MemberData(nameof(OneTransferPerEngine))]
    public async Task Get_DotDotSegments_AreRefused(EngineCase engine, FileTransfer transfer) =>
        await AssertAnswersAsync(engine, transfer, ("/../secret.txt", 400, null), ("/sub/../../secret.txt", 400, null), ("/sub/..", 400, null));

    [EngineTheory]
    [MemberData(nameof(OneTransferPerEngine))]
    public async Task Get_PercentEncodedDotDot_IsRefused(EngineCase engine, FileTransfer transfer) =>
        await AssertAnswersAsync(engine, transfer, ("/%2e%2e/secret.txt", 400, null), ("/%2E%2E/secret.txt", 400, null), ("/sub/..%2f..%2fsecret.txt", 400, null), ("/a.txt%00.png", 400, null));

    [EngineTheory]
    [MemberData(nameof(OneTransferPerEngine))]
    public async Task Get_AbsolutePaths_AreRefused(EngineCase engine, FileTransfer transfer) =>
        await AssertAnswersAsync(engine, transfer, ("/" + _outside.TrimStart('/') + "/secret.txt", 404, null), ("//" + _outside.TrimStart('/') + "/secret.txt", 400, null), ("/%2F" + _outside.TrimStart('/') + "/secret.txt", 400, null));

    [EngineTheory]
    [MemberData(nameof(OneTransferPerEngine))]
    public async Task Get_SymlinksOutOfTheRoot_AreRefused(EngineCase engine, FileTransfer transfer) =>
        await AssertAnswersAsync(engine, transfer, ("/link-out", 404, null), ("/dir-out/secret.txt", 404, null));

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

    [EngineTheory]
    [MemberData(nameof(Cases))]
    [MemberData(nameof(OtherVariantCases))]
    public async Task Get_ManyRequestsPipelinedOnOneConnection_AreAnsweredInOrder(EngineCase engine, FileTransfer transfer)
    {
        await using var server = await StartAsync(engine, transfer);
        using var client = server.Connect();
        var bodies = new Dictionary<string, byte[]>
        {
            ["/a.txt"] = "hello"u8.ToArray(),
            ["/sub/b.txt"] = "inner"u8.ToArray(),
            ["/big.bin"] = _big,
        };

        // Small answers queue up behind each big body: the engine must hold them until the body has gone.
        var paths = Enumerable.Range(0, 24).Select(i => i % 8 == 3 ? "/big.bin" : i % 2 == 0 ? "/a.txt" : "/sub/b.txt").ToArray();
        client.Send(string.Concat(paths.Select(path => RawClient.Get(path))));

        foreach (var path in paths)
        {
            var response = client.ReadResponseBytes();
            Assert.Equal(200, response.Status);
            Assert.True(bodies[path].AsSpan().SequenceEqual(response.Body), $"{path}: the body differs");
        }
    }

    [EngineTheory]
    [MemberData(nameof(Cases))]
    public async Task Get_ManyFilesOneAfterAnother_HoldNoMoreDescriptorsThanTheFirst(EngineCase engine, FileTransfer transfer)
    {
        await using var server = await ServerUnderTest.StartAsync(engine, ProtocolSettings.Files(_root), loops: 1, configure: s => s with { Transfer = transfer });
        using var client = server.Connect();
        client.Send(RawClient.Get("/a.txt"));
        Assert.Equal("hello"u8.ToArray(), client.ReadResponseBytes().Body);
        var baseline = server.Descriptors().Count(IsKernelObject);

        for (var i = 0; i < 50; i++)
        {
            client.Send(RawClient.Get(i % 2 == 0 ? "/sub/b.txt" : "/a.txt"));
            Assert.Equal(200, client.ReadResponseBytes().Status);
        }

        // A body's pipe (splice) and file are done with when it has gone: fifty more files, not one descriptor more
        // once the server has finished with the last (the client may read it before the server lets go).
        await Eventually.UntilAsync(() => server.Descriptors().Count(IsKernelObject), count => count <= baseline, $"the server's sockets, pipes and the like after 50 more files to fall back to the {baseline} after the first");
    }

    [EngineTheory]
    [MemberData(nameof(Cases))]
    [MemberData(nameof(OtherVariantCases))]
    public async Task Get_ClientsGoingAwayMidBody_LeakNothingAndOthersAreServed(EngineCase engine, FileTransfer transfer)
    {
        // Far more than the socket buffers hold, so that the server is mid-body when each client goes.
        using (var huge = File.Create(Path.Combine(_root, "huge.bin")))
        {
            huge.SetLength(64L * 1024 * 1024);
        }

        // One loop, so that the pipes an engine keeps for the next body are all opened by the warm-up.
        await using var server = await ServerUnderTest.StartAsync(engine, ProtocolSettings.Files(_root), loops: 1, configure: s => s with { Transfer = transfer });
        using (var warm = server.Connect())
        {
            warm.Send(RawClient.Get("/big.bin"));
            Assert.Equal(_big, warm.ReadResponseBytes().Body);
        }

        await server.CountersWhenAsync(c => c.ConnectionsClosed >= 1, "the warm-up connection closed");
        var baseline = server.Descriptors().Count(IsKernelObject);

        for (var i = 0; i < 4; i++)
        {
            using var quitter = server.Connect();
            quitter.Send(RawClient.Get("/huge.bin"));
            Assert.Equal(200, quitter.ReadHead().Status);
            quitter.ReadExactly(64 * 1024);
            if (i % 2 == 0)
            {
                quitter.Abort(); // RST, as a client that crashes; the others close with unread data.
            }
        }

        var closed = (await server.CountersWhenAsync(c => c.ConnectionsClosed >= 5, "the warm-up and the four quitters closed")).ConnectionsClosed;
        Assert.Equal(5, closed);
        // Fewer is no leak: a pipe left holding bytes of an abandoned body is closed, not kept for the next.
        await Eventually.UntilAsync(() => server.Descriptors().Count(IsKernelObject), count => count <= baseline, $"the server's sockets, pipes and the like to fall back to the {baseline} before the quitters");
        using var next = server.Connect();
        next.Send(RawClient.Get("/big.bin"));
        Assert.Equal(_big, next.ReadResponseBytes().Body);
    }

    [EngineTheory]
    [MemberData(nameof(Cases))]
    public async Task Stop_WithABodyHalfSent_ExitsCleanly(EngineCase engine, FileTransfer transfer)
    {
        using (var huge = File.Create(Path.Combine(_root, "huge.bin")))
        {
            huge.SetLength(64L * 1024 * 1024);
        }

        var server = await StartAsync(engine, transfer);
        try
        {
            using var stalled = server.Connect();
            stalled.Send(RawClient.Get("/huge.bin"));
            Assert.Equal(200, stalled.ReadHead().Status);
            stalled.ReadExactly(64 * 1024); // ...and no more: the server's send waits on a full socket.

            await server.Process.StopAsync(TimeSpan.FromSeconds(20));

            Assert.True(server.Process.HasExited);
            Assert.DoesNotContain("error", server.Process.StandardError, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await server.DisposeAsync();
        }
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

    [Fact]
    public async Task Create_FilesWithoutATransfer_GivesTheEngineItsZeroCopyPath()
    {
        var engine = EngineRegistry.Default.Engines.First(e => e.FileTransfers.Count > 0);
        ServerSettings? made = null;
        var registry = new EngineRegistry([engine with
        {
            FileTransfers = [FileTransfer.ReadWrite, FileTransfer.Splice],
            Create = settings => engine.Create(made = settings),
        }]);

        await using var server = registry.Create(new ServerSettings { Engine = engine.Name, Protocol = ProtocolSettings.Files(_root) });

        Assert.Equal(FileTransfer.Splice, made!.Transfer);
    }

    [Fact]
    public void Create_FilesFromAnEngineThatServesNone_IsUnavailableSayingSo()
    {
        var engine = EngineRegistry.Default.Engines.First(e => e.FileTransfers.Count > 0);
        var registry = new EngineRegistry([engine with { FileTransfers = [] }]);

        var failure = Assert.Throws<AsyncIoTools.Failures.AsyncIoToolsException>(() =>
            registry.Create(new ServerSettings { Engine = engine.Name, Protocol = ProtocolSettings.Files(_root) }));

        Assert.Equal(AsyncIoTools.Failures.FailureKind.EngineUnavailable, failure.Kind);
        Assert.Equal($"engine '{engine.Name}' does not serve files", failure.Message);
    }

    [Theory]
    [InlineData(new[] { FileTransfer.ReadWrite, FileTransfer.Sendfile, FileTransfer.Splice }, FileTransfer.Sendfile)]
    [InlineData(new[] { FileTransfer.ReadWrite, FileTransfer.Splice }, FileTransfer.Splice)]
    [InlineData(new[] { FileTransfer.ReadWrite }, FileTransfer.ReadWrite)]
    [InlineData(new FileTransfer[0], null)]
    public void DefaultTransfer_IsTheCopyFreePathWhereThereIsOne(FileTransfer[] transfers, FileTransfer? expected)
    {
        var engine = EngineRegistry.Default.Engines[0] with { FileTransfers = transfers };

        Assert.Equal(expected, engine.DefaultTransfer);
    }

    /// <summary>Each engine that serves files, told no transfer: it picks its own and the bytes arrive whole.</summary>
    public static TheoryData<EngineCase> FileEngines()
    {
        var data = new TheoryData<EngineCase>();
        foreach (var engine in EngineRegistry.Default.Engines.Where(e => e.FileTransfers.Count > 0))
        {
            data.Add(new EngineCase(engine.Name, engine.DefaultVariant.Name));
        }

        return data;
    }

    [EngineTheory]
    [MemberData(nameof(FileEngines))]
    public async Task Get_NoTransferGiven_TheEngineServesWithItsOwn(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine, ProtocolSettings.Files(_root), configure: s => s with { Transfer = null });
        using var client = server.Connect();

        client.Send(RawClient.Get("/big.bin"));
        var response = client.ReadResponseBytes();

        Assert.Equal(200, response.Status);
        Assert.Equal(_big, response.Body);
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    /// <summary>Each path on a connection of its own: its status, its body where given, and never the secret outside.</summary>
    private async Task AssertAnswersAsync(EngineCase engine, FileTransfer transfer, params (string Path, int Status, string? Body)[] expected)
    {
        await using var server = await StartAsync(engine, transfer);
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

    private Task<ServerUnderTest> StartAsync(EngineCase engine, FileTransfer transfer) =>
        ServerUnderTest.StartAsync(engine, ProtocolSettings.Files(_root), configure: s => s with { Transfer = transfer });

    /// <summary>A leak is a kernel object left open (socket, pipe, ring); files the runtime maps late are not.</summary>
    private static bool IsKernelObject((int Number, string Target) descriptor) => !descriptor.Target.StartsWith('/');

}
