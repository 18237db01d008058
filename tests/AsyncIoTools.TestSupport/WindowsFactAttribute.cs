using Xunit;

namespace AsyncIoTools.Tests.Support;

/// <summary>A test of Windows behaviour: skipped elsewhere, visibly and with the reason.</summary>
public sealed class WindowsFactAttribute : FactAttribute
{
    public WindowsFactAttribute(string why) => Skip = Platform.NotWindows(why);
}
