using System.Management.Automation;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Results;

namespace AsyncIoTools.PowerShell.Arguments;

/// <summary>Lets a sweep parameter take the CLI's spelling, <c>connections=100,1000,10000</c> (one parser for both faces).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SweepTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is ScenarioSweep sweep)
        {
            return sweep;
        }

        return ScenarioSweep.TryParse(value?.ToString(), out var parsed, out var error)
            ? parsed!
            : throw new ArgumentTransformationMetadataException(error);
    }
}
