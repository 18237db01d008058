using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Engines.Tests.Hosting;

/// <summary>A child server's failure line, read back: the options it names are settings again, for each face to spell.</summary>
public sealed class ChildFailureTests
{
    [Fact]
    public void OptionsThatAreSettings_AreSpelledByTheFaceThatShowsThem()
    {
        var failure = ChildFailure.From(FailureKind.AddressInUse, "127.0.0.1:80 is already in use (bind: EADDRINUSE); choose another --port, or 0 for a free one (--congestion-control {x})");

        Assert.Equal(FailureKind.AddressInUse, failure.Kind);
        Assert.Equal([Setting.Port, Setting.CongestionControl], failure.Settings);
        Assert.Equal("127.0.0.1:80 is already in use (bind: EADDRINUSE); choose another -Port, or 0 for a free one (-CongestionControl {x})", failure.MessageFor(s => "-" + s));
        Assert.Equal("127.0.0.1:80 is already in use (bind: EADDRINUSE); choose another --port, or 0 for a free one (--congestion-control {x})", failure.MessageFor(s => "--" + SettingNames.Kebab(s)));
    }

    [Theory]
    [InlineData("no setting named here")]
    [InlineData("--portable is not --port-range, nor {0} a format")]
    public void TextWithoutASetting_IsKeptAsItIs(string message)
    {
        var failure = ChildFailure.From(FailureKind.RunFailed, message);

        Assert.Empty(failure.Settings);
        Assert.Equal(message, failure.Message);
        Assert.Equal(message, failure.MessageFor(s => "-" + s));
    }
}
