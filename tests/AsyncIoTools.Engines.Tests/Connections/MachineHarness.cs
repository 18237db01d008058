using System.Text;
using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.Tests.Connections;

/// <summary>
/// A connection machine driven as an engine drives it, without a socket: bytes in, the answers it sends, and what
/// it says comes next, on a clock the test sets. What it sent is kept as an engine would have sent it.
/// </summary>
internal sealed class MachineHarness : IDisposable
{
    private readonly byte[] _output;
    private readonly MemoryStream _sent = new();

    public MachineHarness(ServerLimits? limits = null, ProtocolSettings? protocol = null, int outputBytes = 16 * 1024, long now = 0)
    {
        Rules = new ServerRules(new ServerSettings { Limits = limits ?? ServerLimits.Default, Protocol = protocol ?? ProtocolSettings.Http });
        _output = new byte[outputBytes];
        Now = now;
        Machine.Open(Rules, Counters, now);
    }

    public ServerRules Rules { get; }

    public LoopCounters Counters { get; } = new();

    public ConnectionMachine Machine { get; } = new();

    public long Now { get; set; }

    /// <summary>What follows the last step; Close or a peer close ends the conversation.</summary>
    public ConnectionNext Next { get; private set; } = ConnectionNext.Read;

    public bool Closed => Next == ConnectionNext.Close;

    public byte[] Sent => _sent.ToArray();

    public string SentText => Encoding.ASCII.GetString(Sent);

    public ConnectionNext Feed(string text) => Feed(Encoding.ASCII.GetBytes(text));

    /// <summary>Feeds bytes as a receive would, then sends and resumes as an engine does, until the machine waits for input or ends.</summary>
    public ConnectionNext Feed(ReadOnlySpan<byte> received)
    {
        if (Closed)
        {
            throw new InvalidOperationException("the connection is closed");
        }

        var step = Machine.Feed(received, _output, Now);
        while (true)
        {
            Send(step);
            if (step.Next != ConnectionNext.Answer)
            {
                break;
            }

            step = Machine.Resume(_output, Now);
        }

        Next = step.Next == ConnectionNext.Linger ? ConnectionNext.Read : step.Next;
        return step.Next;
    }

    public void Dispose()
    {
        Machine.Close();
        Rules.Dispose();
        _sent.Dispose();
    }

    private void Send(ConnectionStep step)
    {
        _sent.Write(_output, 0, step.Written);
        if (step.File is { } file)
        {
            using (file)
            {
                var body = new byte[file.Remaining];
                var read = file.File.ReadAt(body, 0);
                _sent.Write(body, 0, read.Value);
            }
        }
    }
}
