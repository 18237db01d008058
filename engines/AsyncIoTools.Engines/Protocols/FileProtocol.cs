using System.Buffers.Text;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols.Http;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.Protocols;

/// <summary>
/// HTTP/1.1 GET of the files under one folder — the zero-copy scenarios' workload. The head goes out as
/// output; the body as a <see cref="FileBody"/> the engine sends with its transfer method (read/write,
/// sendfile, splice, …). One response per call when it carries a file, so bodies never interleave.
/// </summary>
internal sealed class FileProtocol : ServerProtocol, IDisposable
{
    private readonly FileRootHandle _root;
    private readonly int _maxHeadBytes;

    public FileProtocol(string root, int maxHeadBytes = 8192)
    {
        _root = FileRootHandle.Open(root);
        _maxHeadBytes = maxHeadBytes;
    }

    public override ProtocolKind Kind => ProtocolKind.File;

    public override int MaxPendingInput => _maxHeadBytes + 1;

    public override ProtocolStep Process(ReadOnlySpan<byte> input, Span<byte> output, ref long connectionState)
    {
        var responses = HttpResponseClock.Current;
        var status = HttpRequestParser.TryParse(input, _maxHeadBytes, out var head);
        if (status == HttpParseStatus.Incomplete)
        {
            return default;
        }

        if (status != HttpParseStatus.Complete || head.HasTransferEncoding || head.ContentLength > 0)
        {
            var tooLarge = status == HttpParseStatus.TooLarge;
            var error = tooLarge ? HttpStatus.RequestHeaderFieldsTooLarge : HttpStatus.BadRequest;
            return Answer(responses.Get(error, HttpConnectionHeader.Close, headOnly: false), input.Length, output, close: true, rejected: true) with
            {
                Limit = tooLarge ? Contract.LimitReason.HeadTooLarge : null,
            };
        }

        var connection = !head.KeepAlive ? HttpConnectionHeader.Close : head.IsHttp11 ? HttpConnectionHeader.Omitted : HttpConnectionHeader.KeepAlive;
        var consumed = head.KeepAlive ? head.HeadLength : input.Length;
        if (head.Method == HttpMethodKind.Other)
        {
            return Answer(responses.Get(HttpStatus.MethodNotAllowed, connection, headOnly: false), consumed, output, !head.KeepAlive, rejected: false);
        }

        Span<byte> path = stackalloc byte[RequestPath.MaxLength];
        var length = RequestPath.TryNormalize(input.Slice(head.TargetStart, head.TargetLength), path);
        if (length < 0)
        {
            return Answer(responses.Get(HttpStatus.BadRequest, HttpConnectionHeader.Close, headOnly: false), input.Length, output, close: true, rejected: true);
        }

        if (!_root.TryOpen(path[..length], out var file).Succeeded)
        {
            return Answer(responses.Get(HttpStatus.NotFound, connection, headOnly: false), consumed, output, !head.KeepAlive, rejected: false);
        }

        var written = WriteHead(output, responses.Date, file!.Length, connection);
        if (head.Method == HttpMethodKind.Head)
        {
            file.Dispose();
            return new ProtocolStep(consumed, written, 1, !head.KeepAlive);
        }

        return new ProtocolStep(consumed, written, 1, !head.KeepAlive, File: new FileBody(file));
    }

    public void Dispose() => _root.Dispose();

    private static ProtocolStep Answer(ReadOnlySpan<byte> response, int consumed, Span<byte> output, bool close, bool rejected)
    {
        response.CopyTo(output);
        return new ProtocolStep(consumed, response.Length, 1, close, rejected);
    }

    private static int WriteHead(Span<byte> output, string date, long length, HttpConnectionHeader connection)
    {
        var written = Append(output, "HTTP/1.1 200 OK\r\nServer: aiotools\r\nDate: "u8);
        foreach (var c in date)
        {
            output[written++] = (byte)c;
        }

        written += Append(output[written..], "\r\nContent-Type: application/octet-stream\r\nContent-Length: "u8);
        Utf8Formatter.TryFormat(length, output[written..], out var digits);
        written += digits;
        written += Append(output[written..], connection switch
        {
            HttpConnectionHeader.Close => "\r\nConnection: close\r\n\r\n"u8,
            HttpConnectionHeader.KeepAlive => "\r\nConnection: keep-alive\r\n\r\n"u8,
            _ => "\r\n\r\n"u8,
        });
        return written;
    }

    private static int Append(Span<byte> output, ReadOnlySpan<byte> text)
    {
        text.CopyTo(output);
        return text.Length;
    }
}
