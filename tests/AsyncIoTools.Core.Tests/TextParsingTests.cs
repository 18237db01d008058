using AsyncIoTools.Text;

namespace AsyncIoTools.Core.Tests;

public sealed class TextParsingTests
{
    [Theory]
    [InlineData("0", new[] { 0 })]
    [InlineData("0,2", new[] { 0, 2 })]
    [InlineData("1-3", new[] { 1, 2, 3 })]
    [InlineData("4,0-1", new[] { 0, 1, 4 })]
    public void CpuLists_TryParse_ReadsTasksetSyntax(string text, int[] expected)
    {
        Assert.True(CpuLists.TryParse(text, out var cpus));
        Assert.Equal(expected, cpus);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("3-1")]
    [InlineData("-1")]
    public void CpuLists_TryParse_RejectsNonsense(string text) => Assert.False(CpuLists.TryParse(text, out _));

    [Theory]
    [InlineData(0.5, "0.50µs")]
    [InlineData(642, "642µs")]
    [InlineData(1234, "1.23ms")]
    [InlineData(2_500_000, "2.50s")]
    public void Units_Micros_ChoosesTheUnit(double micros, string expected) => Assert.Equal(expected, Units.Micros(micros));

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(3277, "3.20 KiB")]
    [InlineData(10 * 1024 * 1024, "10.0 MiB")]
    public void Units_Bytes_UsesBinaryUnits(double bytes, string expected) => Assert.Equal(expected, Units.Bytes(bytes));
}
