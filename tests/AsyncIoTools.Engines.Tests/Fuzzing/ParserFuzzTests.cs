using System.Diagnostics;
using System.Text;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Engines.Tests.Differential;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace AsyncIoTools.Engines.Tests.Fuzzing;

/// <summary>
/// The request parser and the connection machine under fuzzing, in process: a million mutated heads, and
/// property-based inputs built from the pieces of HTTP. Never an exception, never a hang, always whole answers or a
/// close; and the bytes cut anywhere get the same answer as the bytes whole.
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    /// <summary>Mutated heads per run: a million, in a few seconds.</summary>
    private const int MutatedHeads = 1_000_000;

    private static readonly string[] Pieces =
    [
        "GET ", "POST ", "HEAD ", "get ", "PUT ", "/", "/plaintext", "/missing", "?q=1", " HTTP/1.1", " HTTP/1.0", " HTTP/2",
        "\r\n", "\r\n", "\r\n", "\n", "\r", "Host: a", "Host: b", "Connection: close", "Connection: keep-alive",
        "Content-Length: 3", "Content-Length: 0", "Content-Length: 1x", "Content-Length: 99999999999", "Transfer-Encoding: chunked",
        ":", " ", "\t", "abc", "\0", "\u007f", "\u00ff", "X-A: b",
    ];

    [Fact]
    public void AMillionMutatedHeads_NeverThrowOrHang_AlwaysGetWholeAnswersOrAClose_AndCutAnywhereAnswerAlike()
    {
        var mutator = new HeadMutator(seed: 20261122);
        using var whole = new MachineRun();
        using var cut = new MachineRun();
        var findings = new List<string>();
        var answered = 0L;
        var clock = Stopwatch.StartNew();
        Span<int> cuts = stackalloc int[2];
        for (var i = 0; i < MutatedHeads && findings.Count < 10; i++)
        {
            var input = mutator.Next();
            try
            {
                var answer = whole.Run(input);
                answered += whole.Requests > 0 ? 1 : 0;
                if (ResponseStream.FindProblem(answer) is { } problem)
                {
                    findings.Add($"input {i}: {problem}: [{Reference.Show(input)}] → [{Reference.Show(answer)}]");
                    continue;
                }

                // One input in eight is cut in two or three pieces too: the same answer must come.
                if ((i & 7) == 0 && input.Length > 1)
                {
                    cuts[0] = mutator.Random.Next(1, input.Length);
                    cuts[1] = mutator.Random.Next(cuts[0], input.Length + 1);
                    var pieces = cut.Run(input, cuts);
                    if (!SameAnswer(answer, pieces))
                    {
                        findings.Add($"input {i} cut at {cuts[0]},{cuts[1]}: [{Reference.Show(input)}] whole → [{Reference.Show(answer)}], cut → [{Reference.Show(pieces)}]");
                    }
                }
            }
#pragma warning disable CA1031 // Any exception is a finding, reported with its input.
            catch (Exception e)
#pragma warning restore CA1031
            {
                findings.Add($"input {i}: {e.GetType().Name}: {e.Message}: [{Reference.Show(input)}]");
            }
        }

        output.WriteLine($"{MutatedHeads:N0} mutated heads in {clock.Elapsed.TotalSeconds:0.0} s ({answered:N0} answered at least once); findings: {findings.Count}");
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void Property_AnyBytesCutAnywhere_GetTheAnswerTheyGetWhole()
    {
        var input = Gen.Frequency(
                (9, Gen.Elements(Pieces).Select(p => Encoding.Latin1.GetBytes(p))),
                (1, Gen.Choose(0, 255).Select(b => new[] { (byte)b })))
            .ListOf()
            .Select(parts => parts.SelectMany(p => p).ToArray());
        var cases = input.SelectMany(bytes => Gen.Choose(0, Math.Max(0, bytes.Length)).ListOf().Select(cuts => (bytes, cuts: cuts.Order().ToArray())));

        using var whole = new MachineRun();
        using var cut = new MachineRun();
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var answer = whole.Run(c.bytes).ToArray();
            var pieces = cut.Run(c.bytes, c.cuts).ToArray();
            return (ResponseStream.FindProblem(answer) is null && SameAnswer(answer, pieces))
                .Label($"[{Reference.Show(c.bytes)}] cut at {string.Join(",", c.cuts)}: whole [{Reference.Show(answer)}], cut [{Reference.Show(pieces)}]");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3_000));
    }

    [Fact]
    public void Property_Echo_SendsBackEveryByteHoweverItIsCut()
    {
        using var echo = new MachineRun(ProtocolSettings.Echo(7));
        var cases = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()
            .SelectMany(bytes => Gen.Choose(0, bytes.Length).ListOf().Select(cuts => (bytes, cuts: cuts.Order().ToArray())));

        Prop.ForAll(cases.ToArbitrary(), c => echo.Run(c.bytes, c.cuts).SequenceEqual(c.bytes))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1_000));
    }

    /// <summary>The same bytes, but for the Date header, which may tick between two runs.</summary>
    private static bool SameAnswer(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second) =>
        first.SequenceEqual(second) || Reference.Normalize(first.ToArray()).AsSpan().SequenceEqual(Reference.Normalize(second.ToArray()));
}
