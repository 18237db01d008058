using Xunit;

namespace AsyncIoTools.Tests.Support;

/// <summary>A test of what happens where Windows is absent (an engine that says why it cannot run): skipped on Windows, with the reason.</summary>
public sealed class NotWindowsFactAttribute : FactAttribute
{
    public NotWindowsFactAttribute(string why) => Skip = Platform.OnWindows(why);
}
