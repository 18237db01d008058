using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Cli.Tests;

public sealed class ExitCodeTests
{
    [Fact]
    public void EveryFailureKind_HasItsOwnExitCode()
    {
        var codes = Enum.GetValues<FailureKind>().Select(ExitCodes.For).ToArray();

        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.DoesNotContain(ExitCode.Success, codes);
    }

    [Theory]
    [InlineData(ExitCode.Usage, "--no-such-flag")]
    [InlineData(ExitCode.Usage, "serve", "--engine", "kqueue", "--port", "0")]
    [InlineData(ExitCode.Usage, "serve", "--engine", "epoll", "--variant", "sideways", "--port", "0")]
    [InlineData(ExitCode.Usage, "load", "--target", "nonsense")]
    [InlineData(ExitCode.Usage, "load", "--target", "127.0.0.1:1", "--duration", "fast")]
    [InlineData(ExitCode.Usage, "bench", "--engine", "kqueue")]
    [InlineData(ExitCode.Usage, "bench", "--connections", "0")]
    [InlineData(ExitCode.Usage, "serve", "--bind", "not-an-ip")]
    [InlineData(ExitCode.Usage, "serve", "--port", "0", "--congestion-control", "nosuchcc")]
    [InlineData(ExitCode.Usage, "serve", "--port", "0", "--congestion-control", "tcp-cubic")]
    public async Task BadInput_OneLineMessageAndItsExitCode(ExitCode expected, params string[] arguments)
    {
        var run = await Aiotools.RunAsync(arguments);

        Assert.Equal((int)expected, run.ExitCode);
        Assert.StartsWith("aiotools: ", run.Error, StringComparison.Ordinal);
        Assert.False(run.HasStackTrace, run.Error);
    }

    [Fact]
    public async Task Bench_NativeChildHostMissing_SaysHowToPublishItAndRunsNothing()
    {
        var folder = Directory.CreateTempSubdirectory("aiotools-native-").FullName;
        try
        {
            var missing = Path.Combine(folder, "native");
            var results = Path.Combine(folder, "results");

            var run = await Aiotools.RunAsync("bench", "--connections", "10", "--trials", "1", "--child-host", "native", "--native-host", missing, "--out", results);

            Assert.Equal((int)ExitCode.BadInput, run.ExitCode);
            Assert.StartsWith($"aiotools: no native host at {missing}", run.Error, StringComparison.Ordinal);
            Assert.Contains("publish-native.sh", run.Error, StringComparison.Ordinal);
            Assert.Single(run.Error.Trim().Split('\n'));
            Assert.False(Directory.Exists(results));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_PortInUse_SaysSoWithItsExitCode()
    {
        using var holder = new Socket(SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        holder.Listen();
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var run = await Aiotools.RunAsync("serve", "--port", port);

        Assert.Equal((int)ExitCode.AddressInUse, run.ExitCode);
        Assert.Contains("already in use", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Load_NothingListening_IsARunFailure()
    {
        using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var free = probe.LocalEndPoint!.ToString()!;
        probe.Dispose();

        var run = await Aiotools.RunAsync("load", "--target", free, "--connections", "2", "--duration", "300ms", "--warmup", "0s");

        Assert.Equal((int)ExitCode.RunFailed, run.ExitCode);
        Assert.Contains("no connection", run.Error, StringComparison.Ordinal);
        Assert.False(run.HasStackTrace, run.Error);
    }

    [Fact]
    public async Task Engines_Json_ListsEpollAsAvailable()
    {
        var run = await Aiotools.RunAsync("engines", "--json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Contains(document.RootElement.EnumerateArray(), e => e.GetProperty("engine").GetString() == "epoll" && e.GetProperty("available").GetBoolean());
    }
}
