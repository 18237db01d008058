using AsyncIoTools.Processes;

namespace AsyncIoTools.Core.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DotnetHostTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aiotools-host-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void CommandFor_AnExecutableAppHost_RunsIt()
    {
        var appHost = Touch("tool");
        Touch("tool.dll");
        File.SetUnixFileMode(appHost, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var command = DotnetHost.CommandFor(_folder, "tool");

        Assert.Equal((appHost, 0), (command!.Value.FileName, command.Value.PrefixArguments.Count));
    }

    [Fact]
    public void CommandFor_AnAppHostWithoutItsExecuteBit_RunsTheDllWithTheHost()
    {
        // As a module installed from a PSResource repository (a nupkg, so a zip) unpacks it.
        var appHost = Touch("tool");
        var dll = Touch("tool.dll");
        File.SetUnixFileMode(appHost, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var command = DotnetHost.CommandFor(_folder, "tool");

        Assert.Equal([dll], command!.Value.PrefixArguments);
        Assert.NotEqual(appHost, command.Value.FileName);
    }

    [Fact]
    public void CommandFor_NeitherThere_IsNull() => Assert.Null(DotnetHost.CommandFor(_folder, "tool"));

    private string Touch(string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, []);
        return path;
    }
}
