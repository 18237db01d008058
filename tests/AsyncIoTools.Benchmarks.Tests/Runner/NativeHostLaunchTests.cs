using AsyncIoTools.Benchmarks.Runner;

namespace AsyncIoTools.Benchmarks.Tests.Runner;

/// <summary>bench --child-host native: which executable starts the children, and the refusals before anything runs.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NativeHostLaunchTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aiotools-native-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Bind_NativeWithAPublishFolder_StartsItsAiotools()
    {
        var executable = Executable("aiotools");

        var options = new BenchmarkRequest { Connections = 10, ChildHost = ChildHost.Native, NativeHost = _folder }.Bind();

        Assert.Equal((ChildHost.Native, executable, 0), (options.ChildHost, options.Launch!.FileName, options.Launch.PrefixArguments.Count));
    }

    [Fact]
    public void Bind_NativeWithTheExecutableItself_StartsIt()
    {
        var executable = Executable("aiotools-aot");

        Assert.Equal(executable, new BenchmarkRequest { ChildHost = ChildHost.Native, NativeHost = executable }.Bind().Launch!.FileName);
    }

    [Fact]
    public void Bind_Jit_LeavesTheLaunchToTheFace()
    {
        var options = new BenchmarkRequest { ChildHost = ChildHost.Jit, NativeHost = Path.Combine(_folder, "absent") }.Bind();

        Assert.Equal((ChildHost.Jit, null), (options.ChildHost, options.Launch));
    }

    [Fact]
    public void Bind_NativeMissing_IsBadInputThatSaysHowToPublishIt()
    {
        var missing = Path.Combine(_folder, "absent");

        var failure = Assert.Throws<AsyncIoToolsException>(() => new BenchmarkRequest { ChildHost = ChildHost.Native, NativeHost = missing }.Bind());

        Assert.Equal(FailureKind.BadInput, failure.Kind);
        Assert.Equal($"no native host at {missing}: publish it with benchmarks/scripts/publish-native.sh {missing}", failure.Message);
    }

    [Fact]
    public void Bind_AJitBuildInTheNativeFolder_IsRefused()
    {
        Executable("aiotools");
        File.WriteAllBytes(Path.Combine(_folder, "aiotools.dll"), []);

        var failure = Assert.Throws<AsyncIoToolsException>(() => new BenchmarkRequest { ChildHost = ChildHost.Native, NativeHost = _folder }.Bind());

        Assert.Equal(FailureKind.BadInput, failure.Kind);
        Assert.Contains("is a JIT build (aiotools.dll beside it)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_NativeNotExecutable_IsRefused()
    {
        var path = Path.Combine(_folder, "aiotools");
        File.WriteAllBytes(path, []);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var failure = Assert.Throws<AsyncIoToolsException>(() => new BenchmarkRequest { ChildHost = ChildHost.Native, NativeHost = _folder }.Bind());

        Assert.Contains("is not executable", failure.Message, StringComparison.Ordinal);
    }

    private string Executable(string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, []);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
