using System.ComponentModel;
using System.Globalization;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Results;

namespace AsyncIoTools.PowerShell.Output;

/// <summary>
/// Converts a <see cref="BenchmarkPoint"/> to the <see cref="BenchmarkResult"/> it belongs to: PowerShell's binder
/// uses it when a point arrives where a result is expected (<c>Invoke-C10kBenchmark | New-PerformanceReport</c>),
/// as does a cast.
/// </summary>
public sealed class BenchmarkPointConverter : TypeConverter
{
    public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) =>
        destinationType == typeof(BenchmarkResult) || base.CanConvertTo(context, destinationType);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        value is BenchmarkPoint point && destinationType == typeof(BenchmarkResult)
            ? point.GetResult()
            : base.ConvertTo(context, culture, value, destinationType);
}
