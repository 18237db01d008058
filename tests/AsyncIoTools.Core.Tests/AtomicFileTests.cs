using AsyncIoTools.Files;

namespace AsyncIoTools.Core.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aiotools-atomic-").FullName;

    [Fact]
    public void WriteNew_WritesTheWholeContentAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(_directory, "result.json");

        AtomicFile.WriteNew(path, "{\"a\":1}");

        Assert.Equal("{\"a\":1}", File.ReadAllText(path));
        Assert.Equal(["result.json"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteNew_ExistingFile_FailsAndKeepsItUntouched()
    {
        var path = Path.Combine(_directory, "result.json");
        File.WriteAllText(path, "earlier");

        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteNew(path, "later"));

        Assert.Equal("earlier", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void WriteUnique_TakenName_PicksTheNextFreeOne()
    {
        File.WriteAllText(Path.Combine(_directory, "run.json"), "earlier");

        var path = AtomicFile.WriteUnique(_directory, "run", ".json", "later");

        Assert.Equal(Path.Combine(_directory, "run-2.json"), path);
        Assert.Equal("earlier", File.ReadAllText(Path.Combine(_directory, "run.json")));
        Assert.Equal("later", File.ReadAllText(path));
    }

    [Fact]
    public async Task WriteUnique_ConcurrentWritersOfOneName_EachGetTheirOwnFile()
    {
        var paths = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => AtomicFile.WriteUnique(_directory, "same", ".json", $"writer {i}"))));

        Assert.Equal(16, paths.Distinct().Count());
        Assert.Equal(16, paths.Select(File.ReadAllText).Distinct().Count());
        Assert.Equal(16, Directory.GetFiles(_directory).Length);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
