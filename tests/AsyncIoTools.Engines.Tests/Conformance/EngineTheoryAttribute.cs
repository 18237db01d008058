using Xunit.Sdk;

namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>A theory over <see cref="EngineCase"/>s whose rows are skipped only when the engine's probe says so, with its reason.</summary>
[XunitTestCaseDiscoverer("AsyncIoTools.Engines.Tests.Conformance.EngineTheoryDiscoverer", "AsyncIoTools.Engines.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class EngineTheoryAttribute : TheoryAttribute;
