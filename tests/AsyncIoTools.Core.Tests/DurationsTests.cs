using System.Globalization;
using AsyncIoTools.Text;
using FsCheck;
using FsCheck.Fluent;

namespace AsyncIoTools.Core.Tests;

/// <summary>
/// The one duration grammar of the CLI and the module: what people type is read exactly, and nothing else is
/// (checked over generated input: it never throws, and never yields a negative, NaN-born or overflowing duration).
/// </summary>
public sealed class DurationsTests
{
    private static readonly Config Checks = Config.QuickThrowOnFailure.WithMaxTest(2_000);

    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("us", TimeSpan.TicksPerMicrosecond), ("µs", TimeSpan.TicksPerMicrosecond), ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour), (string.Empty, TimeSpan.TicksPerSecond),
    ];

    [Theory]
    [InlineData("250us", 0.00025)]
    [InlineData("250µs", 0.00025)]
    [InlineData("500ms", 0.5)]
    [InlineData("1.5s", 1.5)]
    [InlineData("5s", 5)]
    [InlineData("5S", 5)]
    [InlineData("250US", 0.00025)]
    [InlineData("2m", 120)]
    [InlineData("1.5m", 90)]
    [InlineData("2h", 7200)]
    [InlineData("3", 3)]
    [InlineData(".5s", 0.5)]
    [InlineData(" 10 s ", 10)]
    [InlineData("00:00:05", 5)]
    [InlineData("0:0:3", 3)]
    [InlineData("1.00:00:00", 86_400)]
    [InlineData("00:00:00.25", 0.25)]
    [InlineData("0", 0)]
    public void TryParse_WhatPeopleType_IsReadExactly(string text, double seconds)
    {
        Assert.True(Durations.TryParse(text, out var duration), text);
        Assert.Equal(TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("-1s")]
    [InlineData("+1s")]
    [InlineData("-00:00:05")]
    [InlineData("10 parsecs")]
    [InlineData("NaN")]
    [InlineData("NaNs")]
    [InlineData("Infinity")]
    [InlineData("∞")]
    [InlineData("1e300s")]
    [InlineData("1e3")]
    [InlineData("1,5s")]
    [InlineData("1.2.3s")]
    [InlineData("s")]
    [InlineData(".s")]
    [InlineData("0x10")]
    [InlineData("5d")]
    [InlineData("99999999999999999999999999999999h")]
    [InlineData("9999999999h")]
    [InlineData("3651.00:00:00")]
    [InlineData("10675199.02:48:05.4775807")]
    public void TryParse_AnythingElse_IsNotADuration(string? text)
    {
        Assert.False(Durations.TryParse(text, out var duration), text);
        Assert.Equal(TimeSpan.Zero, duration);
    }

    [Fact]
    public void TryParse_AnyString_NeverThrowsAndNeverLeavesTheRange()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text => InRangeOrRefused(text)).Check(Checks);
    }

    [Fact]
    public void TryParse_StringsShapedLikeDurations_NeverThrowAndNeverLeaveTheRange()
    {
        // Near misses of the grammar: signs, exponents, NaN and infinities, huge digit runs, stray separators.
        var pieces = Gen.Elements("", "-", "+", "0", "1", "9", "99999999999999999999", ".", ",", "e", "E", "e308", "NaN", "Infinity", "∞", " ", ":", "ms", "us", "µs", "s", "m", "h", "d");
        var texts = Gen.ListOf(pieces).Select(p => string.Concat(p));
        Prop.ForAll(texts.ToArbitrary(), text => InRangeOrRefused(text)).Check(Checks);
    }

    [Fact]
    public void TryParse_WholeNumberWithUnit_IsThatManyUnits()
    {
        var gen = from unit in Gen.Elements(Units)
                  from amount in Gen.Choose(0, int.MaxValue)
                  select (unit, amount);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var text = c.amount.ToString(CultureInfo.InvariantCulture) + c.unit.Unit;
            var fits = (decimal)c.amount * c.unit.Ticks <= Durations.Maximum.Ticks;
            var parsed = Durations.TryParse(text, out var duration);
            return parsed == fits && (!fits || duration.Ticks == c.amount * c.unit.Ticks);
        }).Check(Checks);
    }

    [Fact]
    public void TryParse_ReadsBackTheChildCommandLinesForm_ToTheTick()
    {
        // ChildArguments writes durations in TimeSpan's constant form so a child process gets exactly the parent's.
        var ticks = from high in Gen.Choose(0, (int)(Durations.Maximum.Ticks >> 31))
                    from low in Gen.Choose(0, int.MaxValue)
                    select Math.Min(((long)high << 31) | (uint)low, Durations.Maximum.Ticks);
        Prop.ForAll(ticks.ToArbitrary(), t =>
        {
            var text = AsyncIoTools.Settings.ChildArguments.Format(TimeSpan.FromTicks(t));
            return Durations.TryParse(text, out var read) && read.Ticks == t;
        }).Check(Checks);
    }

    [Fact]
    public void TryParse_Fractions_AgreeAcrossUnits()
    {
        // n.fff s is the same duration as nfff ms: the grammar is exact, not a double's approximation.
        var gen = from whole in Gen.Choose(0, 1_000_000)
                  from thousandths in Gen.Choose(0, 999)
                  select (whole, thousandths);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var seconds = string.Create(CultureInfo.InvariantCulture, $"{c.whole}.{c.thousandths:000}s");
            var milliseconds = string.Create(CultureInfo.InvariantCulture, $"{(long)c.whole * 1000 + c.thousandths}ms");
            return Durations.TryParse(seconds, out var a) && Durations.TryParse(milliseconds, out var b) && a == b;
        }).Check(Checks);
    }

    [Fact]
    public void TryParse_ClockTimes_RoundTripTimeSpansConstantFormat()
    {
        var gen = Gen.Choose(0, int.MaxValue).Select(n => TimeSpan.FromTicks(n * 1_000L));
        Prop.ForAll(gen.ToArbitrary(), span => Durations.TryParse(span.ToString("c", CultureInfo.InvariantCulture), out var back) && back == span).Check(Checks);
    }

    private static bool InRangeOrRefused(string? text)
    {
        var parsed = Durations.TryParse(text, out var duration);
        return parsed ? duration >= TimeSpan.Zero && duration <= Durations.Maximum : duration == TimeSpan.Zero;
    }
}
