namespace AsyncIoTools.Tests.Support;

/// <summary>Facts about the machine the tests run on that decide whether a platform-specific test can run.</summary>
public static class Platform
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Why a Linux-only test cannot run here, or null when it can.</summary>
    public static string? NotLinux(string why) => OperatingSystem.IsLinux() ? null : $"runs only on Linux: {why}";

    /// <summary>Why a Windows-only test cannot run here, or null when it can.</summary>
    public static string? NotWindows(string why) => OperatingSystem.IsWindows() ? null : $"runs only on Windows: {why}";

    /// <summary>Why a test of the non-Windows behaviour cannot run here (on Windows), or null when it can.</summary>
    public static string? OnWindows(string why) => OperatingSystem.IsWindows() ? $"runs only off Windows: {why}" : null;
}
