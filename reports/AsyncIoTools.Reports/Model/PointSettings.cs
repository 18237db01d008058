using AsyncIoTools.Results;

namespace AsyncIoTools.Reports.Model;

/// <summary>
/// What makes one point of a scenario: the values of every parameter a sweep may vary. A run records its
/// connection counts and, since the scenario catalogue, the swept parameter and its value; the other parameters are
/// its scenario's. Results written before the catalogue have no sweep fields: their points differ by connections
/// and active connections only, as they always did.
/// </summary>
public sealed record PointSettings(int Connections, int Active, double? Rate, int Pipeline, int MessageBytes)
{
    public static PointSettings Of(EngineRun run, BenchmarkScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(scenario);
        var swept = SweepAxes.Parse(run.SweepParameter);
        var value = run.SweepValue;
        return new PointSettings(
            run.Connections > 0 ? run.Connections : scenario.Connections,
            run.Active > 0 ? run.Active : scenario.EffectiveActive,
            swept == SweepAxis.Rate && value is { } rate ? rate : scenario.Rate,
            swept == SweepAxis.Pipeline && value is { } pipeline ? (int)pipeline : scenario.Pipeline,
            swept == SweepAxis.MessageBytes && value is { } bytes ? (int)bytes : scenario.MessageBytes);
    }

    /// <summary>This point's value of <paramref name="axis"/> (null: closed loop on the rate axis, or no axis).</summary>
    public double? Value(SweepAxis axis) => axis switch
    {
        SweepAxis.Connections => Connections,
        SweepAxis.Active => Active,
        SweepAxis.Rate => Rate,
        SweepAxis.Pipeline => Pipeline,
        SweepAxis.MessageBytes => MessageBytes,
        _ => null,
    };
}
