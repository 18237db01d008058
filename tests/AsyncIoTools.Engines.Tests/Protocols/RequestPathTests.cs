using System.Text;
using AsyncIoTools.Engines.Protocols.Http;

namespace AsyncIoTools.Engines.Tests.Protocols;

public sealed class RequestPathTests
{
    [Theory]
    [InlineData("/a.txt", "a.txt")]
    [InlineData("/sub/b.txt?x=1", "sub/b.txt")]
    [InlineData("/with%20space", "with space")]
    [InlineData("/%C3%A9t%C3%A9", "été")]
    [InlineData("/..a/b..", "..a/b..")]
    public void TryNormalize_SafeTargets_BecomeRelativePaths(string target, string expected) =>
        Assert.Equal(expected, Normalize(target));

    [Theory]
    [InlineData("/")]
    [InlineData("a.txt")]
    [InlineData("//etc/passwd")]
    [InlineData("/../etc/passwd")]
    [InlineData("/sub/../../x")]
    [InlineData("/%2e%2e/x")]
    [InlineData("/%2E%2E%2fx")]
    [InlineData("/sub/..%2f..%2fx")]
    [InlineData("/./a.txt")]
    [InlineData("/a//b")]
    [InlineData("/a.txt%00")]
    [InlineData("/bad%zz")]
    [InlineData("/trailing%2")]
    [InlineData("/dir/")]
    public void TryNormalize_EscapesAndOddities_AreRefused(string target) => Assert.Null(Normalize(target));

    private static string? Normalize(string target)
    {
        var destination = new byte[RequestPath.MaxLength];
        var length = RequestPath.TryNormalize(Encoding.UTF8.GetBytes(target), destination);
        return length < 0 ? null : Encoding.UTF8.GetString(destination, 0, length);
    }
}
