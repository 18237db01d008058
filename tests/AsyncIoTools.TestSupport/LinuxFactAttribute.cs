using Xunit;

namespace AsyncIoTools.Tests.Support;

/// <summary>A test of Linux behaviour: skipped elsewhere, visibly and with the reason, never passed doing nothing.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute(string why) => Skip = Platform.NotLinux(why);
}
