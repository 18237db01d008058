namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>How many kernel objects a server holds, and (where they can be read) what its descriptors point to.</summary>
public sealed record KernelObjects(int Count, IReadOnlyList<string> Names);
