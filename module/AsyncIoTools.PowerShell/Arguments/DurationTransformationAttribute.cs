using System.Management.Automation;

namespace AsyncIoTools.PowerShell.Arguments;

/// <summary>Lets a TimeSpan parameter take <c>10s</c>, <c>500ms</c>, <c>2m</c> or a number of seconds (see <see cref="DurationValue"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return DurationValue.TryConvert(value, out var duration)
            ? duration
            : throw new ArgumentTransformationMetadataException($"'{value}' is not a duration; use e.g. 500ms, 10s, 2m, a number of seconds or a TimeSpan");
    }
}
