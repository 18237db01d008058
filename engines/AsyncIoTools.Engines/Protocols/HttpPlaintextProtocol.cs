using AsyncIoTools.Engines.Protocols.Http;

namespace AsyncIoTools.Engines.Protocols;

/// <summary>
/// HTTP/1.1 plaintext, as TechEmpower's test: GET / (or /plaintext) answers 200 "Hello, World!"; other paths
/// 404, other methods 405 (their bodies skipped), a malformed head 400, an oversized head 431, a transfer coding
/// 501 — the last three close the connection. Keep-alive and pipelining as HTTP/1.1 and 1.0 define them. The
/// connection's state is the number of body bytes still to skip.
/// </summary>
public sealed class HttpPlaintextProtocol : ServerProtocol
{
    private readonly int _maxHeadBytes;
    private readonly bool _splitWrites;

    /// <param name="splitWrites">Answer one request per call, its head and body to be sent as two writes.</param>
    public HttpPlaintextProtocol(int maxHeadBytes = 8192, bool splitWrites = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeadBytes, 64);
        _maxHeadBytes = maxHeadBytes;
        _splitWrites = splitWrites;
    }

    public override ProtocolKind Kind => ProtocolKind.Http;

    public override int MaxPendingInput => _maxHeadBytes + 1;

    public override ProtocolStep Process(ReadOnlySpan<byte> input, Span<byte> output, ref long connectionState)
    {
        var consumed = 0;
        if (connectionState > 0)
        {
            var skipped = (int)Math.Min(connectionState, input.Length);
            connectionState -= skipped;
            consumed = skipped;
        }

        var responses = HttpResponseClock.Current;
        var written = 0;
        var requests = 0;
        while (connectionState == 0 && consumed < input.Length)
        {
            var status = HttpRequestParser.TryParse(input[consumed..], _maxHeadBytes, out var head);
            if (status == HttpParseStatus.Incomplete)
            {
                break;
            }

            if (status != HttpParseStatus.Complete)
            {
                var error = status == HttpParseStatus.TooLarge ? HttpStatus.RequestHeaderFieldsTooLarge : HttpStatus.BadRequest;
                return Reject(responses.Get(error, HttpConnectionHeader.Close, headOnly: false), input.Length, output, consumed, written, requests);
            }

            if (head.HasTransferEncoding)
            {
                return Reject(responses.Get(HttpStatus.NotImplemented, HttpConnectionHeader.Close, headOnly: false), input.Length, output, consumed, written, requests);
            }

            var connection = !head.KeepAlive ? HttpConnectionHeader.Close
                : head.IsHttp11 ? HttpConnectionHeader.Omitted
                : HttpConnectionHeader.KeepAlive;
            var response = responses.Get(StatusOf(head), connection, head.Method == HttpMethodKind.Head);
            if (response.Length > output.Length - written)
            {
                break; // The engine sends what is written and calls again.
            }

            response.CopyTo(output[written..]);
            written += response.Length;
            requests++;
            consumed += head.HeadLength;

            var bodyInBuffer = (int)Math.Min(head.ContentLength, input.Length - consumed);
            consumed += bodyInBuffer;
            connectionState = head.ContentLength - bodyInBuffer;

            if (!head.KeepAlive)
            {
                // Anything pipelined after a closing request is not answered.
                connectionState = 0;
                return new ProtocolStep(input.Length, written, requests, CloseAfterWrite: true, SplitAt: SplitPoint(response));
            }

            if (_splitWrites)
            {
                return new ProtocolStep(consumed, written, requests, CloseAfterWrite: false, SplitAt: SplitPoint(response));
            }
        }

        return new ProtocolStep(consumed, written, requests, CloseAfterWrite: false);
    }

    /// <summary>Where the body starts, when split writes are asked for and there is a body to split off.</summary>
    private int SplitPoint(ReadOnlySpan<byte> response)
    {
        var bodyStart = response.IndexOf("\r\n\r\n"u8) + 4;
        return _splitWrites && bodyStart < response.Length ? bodyStart : 0;
    }

    private static HttpStatus StatusOf(in HttpRequestHead head) => head.Method switch
    {
        HttpMethodKind.Other => HttpStatus.MethodNotAllowed,
        _ when head.TargetIsPlaintext => HttpStatus.Ok,
        _ => HttpStatus.NotFound,
    };

    private static ProtocolStep Reject(ReadOnlySpan<byte> response, int inputLength, Span<byte> output, int consumed, int written, int requests)
    {
        if (response.Length > output.Length - written)
        {
            // No room after the answers already written: send those first, then meet this request again.
            return new ProtocolStep(consumed, written, requests, CloseAfterWrite: false);
        }

        response.CopyTo(output[written..]);
        return new ProtocolStep(inputLength, written + response.Length, requests + 1, CloseAfterWrite: true, Rejected: true);
    }
}
