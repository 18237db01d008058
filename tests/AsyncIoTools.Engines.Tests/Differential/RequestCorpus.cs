using System.Text;

namespace AsyncIoTools.Engines.Tests.Differential;

/// <summary>
/// Requests every engine must answer alike: well-formed ones (keep-alive, closing, HTTP/1.0, HEAD, bodies, bare LF,
/// leading empty lines, options in odd spellings) and malformed ones (each rule of the parser broken once), plus
/// requests cut short. The seeds of the fuzzers too.
/// </summary>
internal static class RequestCorpus
{
    public static IReadOnlyList<(string Name, byte[] Bytes)> WellFormed { get; } = Encode(
    [
        ("get", "GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("plaintext", "GET /plaintext HTTP/1.1\r\nHost: a\r\nUser-Agent: wrk\r\n\r\n"),
        ("missing", "GET /missing HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("query", "GET /?q=1&r=%20 HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("head", "HEAD / HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("head-missing", "HEAD /nothing HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("post-body", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"),
        ("post-empty", "POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n"),
        ("lowercase-method", "get / HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("delete", "DELETE / HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("bare-lf", "GET / HTTP/1.1\nHost: a\n\n"),
        ("leading-empty-lines", "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("keep-alive-token", "GET / HTTP/1.1\r\nHost: a\r\nConnection: Keep-Alive, Upgrade\r\n\r\n"),
        ("tabs-around-value", "GET / HTTP/1.1\r\nHost:\ta \t\r\nAccept: */*\r\n\r\n"),
        ("http10-keep-alive", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"),
        ("same-content-length-twice", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"),
    ]);

    /// <summary>Well-formed requests after which the server closes (so nothing may follow them in a pipeline).</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Closing { get; } = Encode(
    [
        ("connection-close", "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"),
        ("http10", "GET / HTTP/1.0\r\n\r\n"),
        ("http10-close-missing", "GET /x HTTP/1.0\r\nHost: a\r\n\r\n"),
    ]);

    public static IReadOnlyList<(string Name, byte[] Bytes)> Malformed { get; } = Encode(
    [
        ("garbage", "GARBAGE\r\n\r\n"),
        ("no-host", "GET / HTTP/1.1\r\n\r\n"),
        ("two-hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
        ("obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n"),
        ("bare-cr", "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n"),
        ("space-before-colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n"),
        ("control-in-value", "GET / HTTP/1.1\r\nHost: a\u0001b\r\n\r\n"),
        ("http2-version", "GET / HTTP/2.0\r\nHost: a\r\n\r\n"),
        ("conflicting-lengths", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc"),
        ("length-not-digits", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3x\r\n\r\nabc"),
        ("chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
        ("body-too-large", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 30000001\r\n\r\n"),
        ("nul-in-target", "GET /a\u0000b HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("extra-space", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n"),
        ("no-version", "GET /\r\nHost: a\r\n\r\n"),
        ("empty-header-name", "GET / HTTP/1.1\r\nHost: a\r\n: b\r\n\r\n"),
        ("cr-without-lf-first", "\rGET / HTTP/1.1\r\nHost: a\r\n\r\n"),
    ]);

    /// <summary>Requests cut short: the peer closes before the head is complete, so the server answers nothing.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Truncated { get; } = Encode(
    [
        ("truncated-line", "GET / HTT"),
        ("truncated-head", "GET / HTTP/1.1\r\nHost: a\r\n"),
        ("truncated-body", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc"),
    ]);

    /// <summary>Every request of the corpus, each on its own connection.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> All { get; } = [.. WellFormed, .. Closing, .. Malformed, .. Truncated];

    /// <summary>
    /// One stream of every well-formed keep-alive request, pipelined, then a malformed one (answered 400, after
    /// which nothing more is read), then a request that must go unanswered.
    /// </summary>
    public static byte[] Pipelined { get; } =
    [
        .. WellFormed.SelectMany(r => r.Bytes),
        .. Encoding.ASCII.GetBytes("GET /space HTTP/1.1\r\nHost : a\r\n\r\n"),
        .. Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
    ];

    /// <summary>A head larger than the default limit (431): sent whole only, its every split would be thousands of connections.</summary>
    public static byte[] Oversized { get; } = Encoding.ASCII.GetBytes(
        "GET / HTTP/1.1\r\nHost: a\r\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"X-Filler-{i:D3}: {new string('a', 40)}\r\n")) + "\r\n");

    private static (string, byte[])[] Encode((string Name, string Text)[] requests) =>
        requests.Select(r => (r.Name, Encoding.Latin1.GetBytes(r.Text))).ToArray();
}
