using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.IoUring;

/// <summary>
/// File bodies, sent through the ring after their head, one chunk at a time, each chunk as a linked pair of
/// requests submitted together: read → send (read/write), or splice file → pipe → splice pipe → socket (splice).
/// The link lets the kernel start the second as soon as the first is done, without a trip through this loop
/// (a splice pair runs back to back in one io-wq worker). A first half that comes back short breaks the link:
/// the second completes with ECANCELED and the loop sends what the first brought in itself.
/// </summary>
internal sealed partial class IoUringLoop
{
    /// <summary>A read/write chunk: 64 MiB is 256 read + send pairs, and the two copies stay in a 2nd-level cache.</summary>
    private const int FileChunkBytes = 256 * 1024;

    /// <summary>
    /// A ring splice's pipe: each splice runs in an io-wq worker (the kernel always punts IORING_OP_SPLICE), so a
    /// chunk costs two worker hand-offs and a completion whatever its size. The kernel's 64 KiB pipe made that 1,024
    /// pairs and ~3,000 context switches per 64 MiB body here; 1 MiB (pipe-max-size) makes it 64 pairs and ~250, and
    /// the server's CPU per MiB 20% less (756 → 606 µs, medians of 3 interleaved). The pipe holds page references,
    /// not copies, so a larger one costs no memory for the bytes.
    /// </summary>
    private const int RingPipeBytes = 1 << 20;

    private readonly ChunkPool _fileChunks = new(FileChunkBytes, 4);

    private readonly SparePipes _sparePipes = new(RingPipeBytes);

    private readonly bool _splice;

    /// <summary>The head is out: sends the body's first chunk (an empty body is done at once).</summary>
    private void StartBody(IoUringConnection connection)
    {
        connection.BodyStarted = true;
        if (connection.Body!.Remaining == 0)
        {
            FinishBody(connection);
        }
        else if (_splice)
        {
            connection.Pipe ??= _sparePipes.Take();
            SpliceNext(connection);
        }
        else
        {
            ReadNext(connection);
        }
    }

    /// <summary>Fills the pipe from the file and drains it into the socket, or drains what a short step left in it.</summary>
    private void SpliceNext(IoUringConnection connection)
    {
        var body = connection.Body!;
        var pipe = connection.Pipe!;
        var token = connection.Token(IoUringTokenKind.SpliceOut);
        if (pipe.Buffered > 0)
        {
            Ring.PrepareSpliceFromPipe(pipe, connection.File, pipe.Buffered, body.Remaining > pipe.Buffered, token);
            connection.InFlight++;
            return;
        }

        var length = (int)Math.Min(body.File.Length - body.Offset, pipe.Capacity);
        connection.BodyAsked = length;
        Ring.PrepareSpliceIntoPipe(body.File, body.Offset, pipe, length, connection.Token(IoUringTokenKind.SpliceIn), linkNext: true);
        Ring.PrepareSpliceFromPipe(pipe, connection.File, length, body.Remaining > length, token);
        connection.InFlight += 2;
    }

    private void OnSplicedIn(IoUringConnection connection, in IoUringCompletion completion)
    {
        connection.InFlight--;
        if (completion.Result > 0)
        {
            connection.Body!.Offset += completion.Result;
            connection.Pipe!.RecordFilled(completion.Result);
        }
        else
        {
            Close(connection); // The file shrank under us (0) or could not be read: the body cannot be whole.
        }

        CancelLinkedWhenClosing(connection);
    }

    private void OnSplicedOut(IoUringConnection connection, in IoUringCompletion completion)
    {
        connection.InFlight--;
        if (connection.Closing)
        {
            return;
        }

        if (completion.Result > 0)
        {
            connection.Pipe!.RecordDrained(completion.Result);
            SentOfBody(connection, completion.Result);
        }
        else if (completion.Error is IoError.Canceled or IoError.Interrupted)
        {
            SpliceNext(connection); // The fill came back short and broke the link: drain what it brought.
        }
        else
        {
            Close(connection);
        }
    }

    /// <summary>Reads the next chunk of the file and sends it, linked.</summary>
    private void ReadNext(IoUringConnection connection)
    {
        var body = connection.Body!;
        if (_zeroCopy && connection.BodyChunk != IoUringConnection.None)
        {
            // The kernel may still hold the last chunk (its notification has not come): read into another.
            _fileChunks.Release(connection.BodyChunk);
            connection.BodyChunk = IoUringConnection.None;
        }

        if (connection.BodyChunk == IoUringConnection.None)
        {
            connection.BodyChunk = _fileChunks.Rent();
        }

        var length = (int)Math.Min(body.File.Length - body.Offset, FileChunkBytes);
        var slab = _fileChunks.Locate(connection.BodyChunk, out var offset);
        connection.BodyAsked = length;
        connection.BodyFilled = connection.BodySent = 0;
        Ring.PrepareRead(body.File, body.Offset, slab, offset, length, connection.Token(IoUringTokenKind.FileRead), linkNext: true);
        connection.InFlight++;
        SendChunk(connection, length);
    }

    /// <summary>Sends [BodySent, BodySent + length) of the body chunk.</summary>
    private void SendChunk(IoUringConnection connection, int length)
    {
        var slab = _fileChunks.Locate(connection.BodyChunk, out var offset);
        var more = _cork && connection.Body!.Remaining > length;
        if (_zeroCopy)
        {
            _fileChunks.AddReference(connection.BodyChunk); // Held by the kernel until the notification.
            var token = new IoUringToken(IoUringTokenKind.FileSendZeroCopy, connection.Slot, (uint)connection.BodyChunk).Value;
            Ring.PrepareSendZeroCopy(connection.File, slab, offset + connection.BodySent, length, token, more);
        }
        else
        {
            Ring.PrepareSend(connection.File, slab, offset + connection.BodySent, length, connection.Token(IoUringTokenKind.FileSend), more);
        }

        connection.InFlight++;
    }

    private void OnFileRead(IoUringConnection connection, in IoUringCompletion completion)
    {
        connection.InFlight--;
        if (completion.Result > 0)
        {
            connection.Body!.Offset += completion.Result;
            connection.BodyFilled = completion.Result;
        }
        else
        {
            Close(connection);
        }

        CancelLinkedWhenClosing(connection);
    }

    private void OnFileSent(IoUringConnection connection, in IoUringCompletion completion, int zeroCopyChunk)
    {
        if (completion.IsNotification)
        {
            _fileChunks.Release(zeroCopyChunk);
            connection.InFlight--;
            return;
        }

        if (!_zeroCopy || !completion.HasMore)
        {
            connection.InFlight--; // Without HasMore a zero-copy send has no notification to come either.
            if (_zeroCopy)
            {
                _fileChunks.Release(zeroCopyChunk);
            }
        }

        if (connection.Closing)
        {
            return;
        }

        if (completion.Result > 0)
        {
            connection.BodySent += completion.Result;
            SentOfBody(connection, completion.Result);
        }
        else if (completion.Error is IoError.Canceled)
        {
            SendChunk(connection, connection.BodyFilled); // The read came back short and broke the link.
        }
        else
        {
            Close(connection);
        }
    }

    /// <summary>Counts <paramref name="bytes"/> of the body as sent and goes on: the rest of a chunk, the next, or done.</summary>
    private void SentOfBody(IoUringConnection connection, int bytes)
    {
        var body = connection.Body!;
        body.Advance(bytes);
        Counters.BytesOut += bytes;
        connection.Machine.Progress(_now);
        if (body.Remaining == 0)
        {
            FinishBody(connection);
        }
        else if (_splice)
        {
            SpliceNext(connection);
        }
        else if (connection.BodySent < connection.BodyFilled)
        {
            SendChunk(connection, connection.BodyFilled - connection.BodySent); // A partial send: the rest.
        }
        else
        {
            ReadNext(connection);
        }
    }

    /// <summary>
    /// A connection closed while the first half of a linked pair ran: the second has just been issued, so the
    /// close's cancellation may have missed it; cancel again, lest a send into a full socket wait for ever.
    /// </summary>
    private void CancelLinkedWhenClosing(IoUringConnection connection)
    {
        if (connection.Closing)
        {
            Ring.PrepareCancel(connection.File, connection.Token(IoUringTokenKind.Cancel));
            connection.InFlight++;
        }
    }

    /// <summary>The body has gone: release what carried it, then answer what waited behind it.</summary>
    private void FinishBody(IoUringConnection connection)
    {
        ReleaseBody(connection);
        AnswerHeldInput(connection);
        WhenOutputDone(connection);
    }

    /// <summary>Closes the body's file, keeps an empty pipe for the next body, and returns the chunk.</summary>
    private void ReleaseBody(IoUringConnection connection)
    {
        connection.Body?.Dispose();
        connection.Body = null;
        connection.BodyStarted = false;
        if (connection.Pipe is { } pipe)
        {
            _sparePipes.Return(pipe);
            connection.Pipe = null;
        }

        if (connection.BodyChunk != IoUringConnection.None)
        {
            _fileChunks.Release(connection.BodyChunk);
            connection.BodyChunk = IoUringConnection.None;
        }
    }

    private void DisposeFileResources()
    {
        _sparePipes.Dispose();
        _fileChunks.Dispose();
    }
}
