using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Protocols.Http;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.Protocols;

/// <summary>
/// HTTP/1.1 plaintext, as TechEmpower's test: GET / (or /plaintext) answers 200 "Hello, World!"; other paths
/// 404, other methods 405 (their bodies, up to the body limit, skipped), a malformed head 400, an oversized head
/// 431, an oversized body 413, a transfer coding 501 — the last four close the connection. Keep-alive and
/// pipelining as HTTP/1.1 and 1.0 define them. The connection's state is the number of body bytes still to skip.
/// </summary>
internal sealed class HttpPlaintextProtocol : ServerProtocol
{
    private readonly int _maxHeadBytes;
    private readonly long _maxBodyBytes;
    private readonly bool _splitWrites;

    /// <param name="splitWrites">Answer one request per call, its head and body to be sent as two writes.</param>
    public HttpPlaintextProtocol(int maxHeadBytes = 8192, bool splitWrites = false, long maxBodyBytes = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeadBytes, 64);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBodyBytes);
        _maxHeadBytes = maxHeadBytes;
        _maxBodyBytes = maxBodyBytes;
        _splitWrites = splitWrites;
    }

    public override ProtocolKind Kind => ProtocolKind.Http;

    public override int MaxPendingInput => _maxHeadBytes + 1;

    public override RequestPhase PhaseOf(long connectionState, int heldBytes) =>
        connectionState > 0 ? RequestPhase.Body : heldBytes > 0 ? RequestPhase.Head : RequestPhase.Idle;

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
                return status == HttpParseStatus.TooLarge
                    ? Reject(responses.Get(HttpStatus.RequestHeaderFieldsTooLarge, HttpConnectionHeader.Close, headOnly: false), input.Length, output, consumed, written, requests, LimitReason.HeadTooLarge)
                    : Reject(responses.Get(HttpStatus.BadRequest, HttpConnectionHeader.Close, headOnly: false), input.Length, output, consumed, written, requests);
            }

            if (head.HasTransferEncoding)
            {
                return Reject(responses.Get(HttpStatus.NotImplemented, HttpConnectionHeader.Close, headOnly: false), input.Length, output, consumed, written, requests);
            }

            if (head.ContentLength > _maxBodyBytes)
            {
                return Reject(responses.Get(HttpStatus.ContentTooLarge, HttpConnectionHeader.Close, headOnly: false), input.Length, output, consumed, written, requests, LimitReason.BodyTooLarge);
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

    private static ProtocolStep Reject(ReadOnlySpan<byte> response, int inputLength, Span<byte> output, int consumed, int written, int requests, LimitReason? limit = null)
    {
        if (response.Length > output.Length - written)
        {
            // No room after the answers already written: send those first, then meet this request again.
            return new ProtocolStep(consumed, written, requests, CloseAfterWrite: false);
        }

        response.CopyTo(output[written..]);
        return new ProtocolStep(inputLength, written + response.Length, requests + 1, CloseAfterWrite: true, Rejected: true, Limit: limit);
    }
}
