namespace AsyncIoTools.Engines.Contract;

/// <summary>One row of the engine list: an engine and variant, whether it runs here, and why not.</summary>
public sealed record EngineVariantInfo(string Engine, string Variant, bool Available, string? Reason, string Description, bool IsDefault);
