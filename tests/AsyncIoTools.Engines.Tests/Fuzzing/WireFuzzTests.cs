using AsyncIoTools.Engines.Tests.Conformance;
using AsyncIoTools.Engines.Tests.Differential;

namespace AsyncIoTools.Engines.Tests.Fuzzing;

/// <summary>
/// The mutator's heads over real sockets, a shorter run against every engine (iocp under Wine included): each sent
/// cut at a random byte, then half-closed. The engine must answer exactly what the connection machine answers, stay
/// up, and serve a plain request afterwards.
/// </summary>
public sealed class WireFuzzTests
{
    private const int HeadsPerEngine = 400;

    public static TheoryData<EngineCase> Engines => EngineCase.All();

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task MutatedHeads_GetTheReferenceBytes_AndTheServerStaysUp(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        var mutator = new HeadMutator(seed: 7);
        var inputs = Enumerable.Range(0, HeadsPerEngine).Select(_ => mutator.Next()).ToList();
        var cuts = inputs.Select(input => input.Length > 1 ? mutator.Random.Next(1, input.Length) : 0).ToList();

        var answers = await WireExchange.RunAllAsync(
            inputs.Select((input, i) => (Func<Task<byte[]>>)(() => WireExchange.RunAsync(
                server.EndPoint,
                cuts[i] == 0 ? [input] : [input.AsMemory(0, cuts[i]), input.AsMemory(cuts[i])],
                TimeSpan.FromMilliseconds(2)))).ToList(),
            concurrency: 16);

        var findings = inputs.Select((input, i) => (input, i, expected: Reference.AnswerTo(input), got: Reference.Normalize(answers[i])))
            .Where(r => !r.expected.AsSpan().SequenceEqual(r.got))
            .Select(r => $"head {r.i} cut at {cuts[r.i]}: [{Reference.Show(r.input)}] got [{Reference.Show(r.got)}] expected [{Reference.Show(r.expected)}]")
            .ToList();
        Assert.True(findings.Count == 0, $"{findings.Count} of {HeadsPerEngine} differ:\n{string.Join("\n", findings.Take(5))}");

        using var client = server.Connect();
        client.Send(RawClient.Get());
        Assert.Equal(200, client.ReadResponse().Status);
    }
}
