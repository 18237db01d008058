using System.Management.Automation;

namespace AsyncIoTools.PowerShell.Arguments;

/// <summary>
/// Lets a TimeSpan parameter take <c>5s</c>, <c>'5s'</c>, <c>500ms</c>, <c>2m</c>, <c>00:00:05</c>, a TimeSpan or a
/// number of seconds, all alike (see <see cref="DurationValue"/>). In a command argument PowerShell reads <c>5s</c>
/// as the Int16 5 and <c>250us</c> as the UInt16 250, but it keeps the text as typed on the number's PSObject
/// (its ToString gives it back): that text, not the number, says the unit.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        if (inputData is PSObject { BaseObject: var number } typed && DurationValue.IsNumber(number))
        {
            var text = typed.ToString();
            return DurationValue.TryConvertTyped(number, text, out var fromLiteral) ? fromLiteral : throw NotADuration(text);
        }

        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return DurationValue.TryConvert(value, out var duration) ? duration : throw NotADuration(value);
    }

    private static ArgumentTransformationMetadataException NotADuration(object? value) =>
        new($"'{value}' is not a duration: use {DurationValue.Expected}");
}
