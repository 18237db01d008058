using System.Net.Sockets;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics.Tests.Targets;

public sealed class ProcessInfoQueryTests
{
    private static readonly RuntimeInfo Sample = new(4242, "/usr/bin/app --port 80", "Linux", "x64", "app", "10.0.12+95017c711e");

    [Fact]
    public void Parse_OfSerialize_GivesBackTheSameAnswer() =>
        Assert.Equal(Sample, ProcessInfoQuery.Parse(ProcessInfoQuery.Serialize(Sample)));

    [Theory]
    [InlineData("10.0.12+95017c711e", "10.0.12")]
    [InlineData("8.0.31", "8.0.31")]
    [InlineData("9.0.0-rc.2.24473.5", "9.0.0")]
    [InlineData("garbage", "0.0")]
    public void RuntimeVersion_ReadsTheNumericPart(string text, string expected) =>
        Assert.Equal(Version.Parse(expected), (Sample with { RuntimeVersionText = text }).RuntimeVersion);

    [Fact]
    public async Task Query_AgainstAnEndpoint_SendsProcessInfo2AndParsesTheAnswer()
    {
        using var endpoint = await StandInEndpoint.StartAsync(StandInEndpoint.Answer(Sample));

        var info = ProcessInfoQuery.Query(endpoint.Path, TimeSpan.FromSeconds(10));

        Assert.Equal(Sample, info);
        var request = await endpoint.Request;
        Assert.Equal(ProcessInfoQuery.ProcessCommandSet, request[16]);
        Assert.Equal(ProcessInfoQuery.ProcessInfo2Command, request[17]);
    }

    [Fact]
    public async Task Query_RuntimeThatDoesNotKnowTheCommand_RaisesUnknownCommand()
    {
        using var endpoint = await StandInEndpoint.StartAsync(StandInEndpoint.Error(IpcErrorResponseException.UnknownCommand));

        var error = Assert.Throws<IpcErrorResponseException>(() => ProcessInfoQuery.Query(endpoint.Path, TimeSpan.FromSeconds(10)));

        Assert.True(error.IsUnknownCommand);
    }

    [Fact]
    public void Query_NobodyListening_RaisesSocketError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"aiotools-test-{Guid.NewGuid():N}-socket");

        Assert.ThrowsAny<SocketException>(() => ProcessInfoQuery.Query(path, TimeSpan.FromSeconds(5)));
    }
}
