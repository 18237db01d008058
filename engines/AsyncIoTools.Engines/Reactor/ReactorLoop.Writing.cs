using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.Reactor;

/// <summary>Writing: answers, split or corked, file bodies, and output the socket would not take yet.</summary>
internal sealed partial class ReactorLoop
{
    /// <summary>
    /// Sends one step's answer: its output (as two writes if the protocol split it, inside TCP_CORK if the tuning
    /// asks), then its file body. False if the socket is full (the rest is kept) or the connection closed.
    /// </summary>
    private bool Respond(ReactorConnection connection, in ConnectionStep step)
    {
        connection.File = step.File;
        if (_tuning.Cork)
        {
            SetCork(connection, true);
        }

        var output = _writeBuffer.AsSpan(0, step.Written);
        if (step.SplitAt > 0)
        {
            if (!Send(connection, output[..step.SplitAt]))
            {
                if (connection.Socket is not null)
                {
                    connection.KeepOutput(output[step.SplitAt..]);
                }

                return false;
            }

            output = output[step.SplitAt..];
        }

        if (!output.IsEmpty && !Send(connection, output))
        {
            return false;
        }

        return FinishResponse(connection);
    }

    /// <summary>Sends what is left of the file body and uncorks; false if the socket filled up or the connection closed.</summary>
    private bool FinishResponse(ReactorConnection connection)
    {
        if (connection.File is { } body)
        {
            switch (FileSender.Pump(connection.Socket!, body, _transfer, ref connection.Pipe, _sparePipes, FileChunk(), ref Counters.BytesOut))
            {
                case FilePump.WouldBlock:
                    connection.Machine.Progress(_now);
                    SetInterest(connection, IoEvents.Writable);
                    return false;
                case FilePump.Failed:
                    Close(connection);
                    return false;
            }

            connection.ReleaseFile(_sparePipes);
        }

        if (connection.Corked)
        {
            SetCork(connection, false);
        }

        return true;
    }

    /// <summary>The read/write scratch of file bodies, made at the first one (sendfile and splice need none).</summary>
    private Span<byte> FileChunk() =>
        _transfer == FileTransfer.ReadWrite ? _fileChunk ??= GC.AllocateUninitializedArray<byte>(FileChunkBytes) : default;

    private static void SetCork(ReactorConnection connection, bool on)
    {
        connection.Socket!.SetOption(SocketOption.Cork, on ? 1 : 0);
        connection.Corked = on;
    }

    /// <summary>Sends all of <paramref name="data"/>, or keeps the rest and waits for writability; false unless all was sent.</summary>
    private bool Send(ReactorConnection connection, ReadOnlySpan<byte> data)
    {
        var result = connection.Socket!.SendOwned(data);
        if (result.Succeeded)
        {
            Counters.BytesOut += result.Value;
            if (result.Value == data.Length)
            {
                return true;
            }

            data = data[result.Value..];
        }
        else if (!result.WouldBlock)
        {
            Close(connection);
            return false;
        }

        connection.KeepOutput(data);
        SetInterest(connection, IoEvents.Writable);
        return false;
    }

    private void OnWritable(ReactorConnection connection)
    {
        while (connection.PendingOutputLength > 0)
        {
            var result = connection.Socket!.SendOwned(connection.PendingOutput.AsSpan(connection.PendingOutputOffset, connection.PendingOutputLength));
            if (!result.Succeeded)
            {
                if (!result.WouldBlock)
                {
                    Close(connection);
                }

                return;
            }

            Counters.BytesOut += result.Value;
            connection.PendingOutputOffset += result.Value;
            connection.PendingOutputLength -= result.Value;
            connection.Machine.Progress(_now);
        }

        connection.ReleaseOutput();
        if (!FinishResponse(connection))
        {
            return;
        }

        // The answer is out: what the machine said comes next, with a read-only step standing in for the one sent.
        var next = connection.AfterWrite;
        connection.AfterWrite = ConnectionNext.Read;
        if (Carry(connection, new ConnectionStep(0, next)))
        {
            SetInterest(connection, IoEvents.Readable);
        }
    }
}
