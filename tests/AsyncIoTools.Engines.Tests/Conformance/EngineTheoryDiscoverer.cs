using Xunit.Abstractions;
using Xunit.Sdk;

namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>Turns the rows of an unavailable engine into skipped cases that carry the probe's reason.</summary>
public sealed class EngineTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod,
        IAttributeInfo theoryAttribute,
        object[] dataRow)
    {
        if (dataRow.Length > 0 && dataRow[0] is EngineCase engine && engine.Probe() is { IsAvailable: false } availability)
        {
            return CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, $"{engine}: {availability.Reason}");
        }

        return base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
    }
}
