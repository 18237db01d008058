namespace AsyncIoTools.PowerShell.Runspace.Tests;

/// <summary>
/// Durations typed the PowerShell way, parsed by PowerShell itself: 5s arrives as the Int16 5 (typed "5s"),
/// 250us as the UInt16 250, 1.5s as the Int16 2; every spelling must still bind to what the person meant.
/// </summary>
public sealed class DurationBindingTests(ModuleSession session) : IClassFixture<ModuleSession>
{
    // A function carrying the cmdlets' own transformation, so the bound value itself can be read back.
    private const string Probe = "function Probe { param([AsyncIoTools.PowerShell.Arguments.DurationTransformation()][TimeSpan] $Duration) $Duration }; ";

    public static TheoryData<string, double> Spellings() => new()
    {
        { "5s", 5 },
        { "'5s'", 5 },
        { "00:00:05", 5 },
        { "(New-TimeSpan -Seconds 5)", 5 },
        { "5", 5 },
        { "5S", 5 },
        { "500ms", 0.5 },
        { "2m", 120 },
        { "1.5s", 1.5 },
        { "0.5s", 0.5 },
        { "250us", 0.00025 },
        { "'250us'", 0.00025 },
        { "1.5", 1.5 },
        { "1h", 3600 },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Duration_BindsAsTyped(string spelling, double seconds)
    {
        var bound = (TimeSpan)session.Run(Probe + "Probe -Duration " + spelling).Single().BaseObject;
        Assert.Equal(TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)), bound);
    }

    [Fact]
    public void Duration_InAVariable_IsTheNumberOfSeconds()
    {
        // PowerShell keeps a literal's text only while it is the argument itself: a stored 250us is the number 250.
        var bound = (TimeSpan)session.Run(Probe + "$d = 250us; Probe -Duration $d").Single().BaseObject;
        Assert.Equal(TimeSpan.FromSeconds(250), bound);
        Assert.Equal(TimeSpan.FromSeconds(5), (TimeSpan)session.Run(Probe + "$d = '5s'; Probe -Duration $d").Single().BaseObject);
    }

    [Theory]
    [InlineData("5d")]
    [InlineData("0x10")]
    [InlineData("1kb")]
    [InlineData("'1e300s'")]
    [InlineData("'NaN'")]
    [InlineData("([double]::NaN)")]
    [InlineData("([double]::PositiveInfinity)")]
    [InlineData("'-5s'")]
    [InlineData("(-5)")]
    [InlineData("ten")]
    [InlineData("$true")]
    public void Duration_NotADuration_IsATransformationErrorNamingTheParameter(string spelling)
    {
        var record = session.Failure(Probe + "Probe -Duration " + spelling);
        Assert.Equal("ParameterArgumentTransformationError,Probe", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, record.CategoryInfo.Category);
        Assert.Contains("parameter 'Duration'", record.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("is not a duration", record.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTimeSpanParameter_OfEveryCmdlet_TakesDurations()
    {
        var parameters = session.Run("""
            Get-Command -Module AsyncIoTools | ForEach-Object {
                $command = $_
                $_.Parameters.Values | Where-Object ParameterType -eq ([TimeSpan]) | ForEach-Object {
                    '{0} -{1} {2}' -f $command.Name, $_.Name, [bool]($_.Attributes | Where-Object { $_ -is [AsyncIoTools.PowerShell.Arguments.DurationTransformationAttribute] })
                }
            }
            """).Select(o => o.ToString()).ToList();
        Assert.Contains("Invoke-C10kBenchmark -Duration True", parameters);
        Assert.Contains("Get-EventLoopLag -Interval True", parameters);
        Assert.All(parameters, p => Assert.EndsWith(" True", p, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Get-EventLoopLag -Name aiotools-no-such-process -Duration {0}")]
    [InlineData("Get-BlockingCall -Name aiotools-no-such-process -Duration {0}")]
    [InlineData("Get-AsyncHotspot -Name aiotools-no-such-process -Trace -Duration {0}")]
    public void RealCmdlets_BindEverySpelling_ThenReachTheCore(string command)
    {
        foreach (var spelling in new[] { "5s", "'5s'", "00:00:05", "(New-TimeSpan -Seconds 5)", "5", "2m", "1.5s", "1500ms" })
        {
            session.Run(string.Format(System.Globalization.CultureInfo.InvariantCulture, command, spelling), out var errors);
            // Bound: the core looked for the process and said it has none (not a binding error).
            Assert.Equal("NoSuchProcess", Assert.Single(errors).FullyQualifiedErrorId.Split(',')[0]);
        }
    }
}
