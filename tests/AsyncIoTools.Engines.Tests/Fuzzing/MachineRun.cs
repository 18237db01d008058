using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.Tests.Fuzzing;

/// <summary>
/// Runs request bytes through a connection machine as fast as a fuzzer needs: one machine and one output buffer
/// reused, the input fed in the pieces given, each step's answer appended, then the peer's close. An answer loop
/// that does not end is reported as a hang.
/// </summary>
internal sealed class MachineRun : IDisposable
{
    private const int MaxSteps = 100_000;

    private readonly ServerRules _rules;
    private readonly LoopCounters _counters = new();
    private readonly ConnectionMachine _machine = new();
    private readonly byte[] _output = new byte[1 << 20];

    public MachineRun(ProtocolSettings? protocol = null) =>
        _rules = new ServerRules(new ServerSettings { Protocol = protocol ?? ProtocolSettings.Http });

    /// <summary>What the last run wrote.</summary>
    public ReadOnlySpan<byte> Output => _output.AsSpan(0, Written);

    public int Written { get; private set; }

    /// <summary>What followed the last piece: Read (waiting for more: the peer's close ends it), Close or Linger.</summary>
    public ConnectionNext Last { get; private set; }

    /// <summary>Requests the last run answered.</summary>
    public long Requests { get; private set; }

    /// <summary>Feeds <paramref name="input"/> cut at <paramref name="cuts"/> (ascending offsets); returns the output.</summary>
    public ReadOnlySpan<byte> Run(ReadOnlySpan<byte> input, ReadOnlySpan<int> cuts = default)
    {
        _machine.Open(_rules, _counters, 0);
        var before = _counters.Requests;
        Written = 0;
        Last = ConnectionNext.Read;
        var from = 0;
        for (var i = 0; i <= cuts.Length && Last is ConnectionNext.Read; i++)
        {
            var to = i < cuts.Length ? cuts[i] : input.Length;
            if (to <= from && i < cuts.Length)
            {
                continue;
            }

            Feed(input[from..to]);
            from = to;
        }

        _machine.Close();
        Requests = _counters.Requests - before;
        return Output;
    }

    public void Dispose() => _rules.Dispose();

    private void Feed(ReadOnlySpan<byte> piece)
    {
        var step = _machine.Feed(piece, _output.AsSpan(Written), 0);
        for (var steps = 0; ; steps++)
        {
            Written += step.Written;
            step.File?.Dispose();
            if (step.Next != ConnectionNext.Answer)
            {
                // After an error answer the machine drops what comes: the rest of the input changes nothing.
                Last = step.Next;
                return;
            }

            if (steps == MaxSteps)
            {
                throw new InvalidOperationException($"the machine said 'answer' {MaxSteps} times in a row: a hang");
            }

            step = _machine.Resume(_output.AsSpan(Written), 0);
        }
    }
}
