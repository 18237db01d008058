using AsyncIoTools.Processes;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Micro;

/// <summary>
/// N idle descriptors (both ends of N/2 socket pairs: nothing written, so never readable) and one ready one (a
/// pair with a byte written and never read, so level-triggered waits report it every time).
/// </summary>
internal sealed class IdleDescriptors : IDisposable
{
    private readonly List<NativeSocket> _sockets = [];

    public IdleDescriptors(int count)
    {
        // Ten thousand idle descriptors and their pairs' overhead need more than the usual soft limit of 1,024.
        ResourceLimits.RaiseOpenFilesToHard();
        var (reader, writer) = NativeSocket.CreatePair();
        _sockets.Add(reader);
        _sockets.Add(writer);
        Ready = reader;
        if (!writer.Send([1]).Succeeded)
        {
            throw new InvalidOperationException("could not make the ready descriptor readable");
        }

        for (var i = 0; i < count; i += 2)
        {
            var (first, second) = NativeSocket.CreatePair();
            _sockets.Add(first);
            _sockets.Add(second);
            Idle.Add(first);
            if (i + 1 < count)
            {
                Idle.Add(second);
            }
        }
    }

    /// <summary>Readable for as long as the benchmark runs.</summary>
    public NativeSocket Ready { get; }

    public List<NativeSocket> Idle { get; } = [];

    public void Dispose() => _sockets.ForEach(s => s.Dispose());
}
