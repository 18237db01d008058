using AsyncIoTools.Engines.Tests.Conformance;

namespace AsyncIoTools.Engines.Tests.Differential;

/// <summary>
/// The same request bytes get the same response bytes from every engine (iocp under Wine included): each request of
/// the corpus, well-formed and malformed, is sent whole and split at every byte boundary, and the corpus pipelined
/// on one connection is split at every boundary too; every answer must equal the connection machine's own.
/// </summary>
public sealed class DifferentialTests
{
    /// <summary>Connections in flight at once against one server.</summary>
    private const int Concurrency = 24;

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(2);

    public static TheoryData<EngineCase> Engines => EngineCase.All();

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task EveryRequestWholeAndSplitAtEveryByte_GetsTheReferenceBytes(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        var cases = new List<(string Name, int Split, byte[] Request)>();
        foreach (var (name, bytes) in RequestCorpus.All.Append(("pipelined", RequestCorpus.Pipelined)))
        {
            for (var split = 0; split < bytes.Length; split++)
            {
                cases.Add((name, split, bytes));
            }
        }

        cases.Add(("oversized", 0, RequestCorpus.Oversized));
        var expected = cases.Select(c => c.Request).Distinct().ToDictionary(r => r, r => Reference.AnswerTo(r));

        var answers = await WireExchange.RunAllAsync(
            cases.Select(c => (Func<Task<byte[]>>)(() => WireExchange.RunAsync(server.EndPoint, Parts(c.Request, c.Split), Pause))).ToList(),
            Concurrency);

        var mismatches = cases.Zip(answers)
            .Where(pair => !expected[pair.First.Request].AsSpan().SequenceEqual(Reference.Normalize(pair.Second)))
            .Select(pair => $"{pair.First.Name} split at {pair.First.Split}: got [{Reference.Show(Reference.Normalize(pair.Second))}] expected [{Reference.Show(expected[pair.First.Request])}]")
            .ToList();
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {cases.Count} exchanges differ from the reference, e.g.\n{string.Join("\n", mismatches.Take(5))}");
        Assert.True(cases.Count > 2000, $"the corpus is {cases.Count} exchanges");
    }

    /// <summary>
    /// Found by the test above: io_uring's multishot variants, answering a second part that ended in an error while the
    /// first part's answer was still being sent, closed at the peer's FIN without sending the second part's answers.
    /// </summary>
    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task Regression_AnswersEndingInAnErrorThenTheFin_AllArriveBeforeTheClose(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        var first = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(RawClient.Get(), 20)));
        var second = System.Text.Encoding.ASCII.GetBytes(RawClient.Get("/missing") + "GARBAGE\r\n\r\n");
        var expected = Reference.AnswerTo([.. first, .. second]);

        for (var attempt = 0; attempt < 50; attempt++)
        {
            var answer = await WireExchange.RunAsync(server.EndPoint, [first, second], TimeSpan.Zero);
            Assert.Equal(Reference.Show(expected, int.MaxValue), Reference.Show(Reference.Normalize(answer), int.MaxValue));
        }
    }

    private static ReadOnlyMemory<byte>[] Parts(byte[] request, int split) =>
        split == 0 ? [request] : [request.AsMemory(0, split), request.AsMemory(split)];
}
