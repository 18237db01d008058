namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>Where a conformance case runs its server.</summary>
public enum ServerPlatform
{
    /// <summary>The build under test, on this machine's own OS.</summary>
    Native,

    /// <summary>The self-contained win-x64 build under Wine, for engines only Windows has (IOCP).</summary>
    Wine,
}
