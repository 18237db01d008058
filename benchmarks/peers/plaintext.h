/*
 * The HTTP/1.1 plaintext answer of our engines (engines/.../Protocols/HttpPlaintextProtocol.cs and
 * HttpResponseSet.cs), byte for byte, for the C twins: GET or HEAD of / or /plaintext answers 200 "Hello, World!",
 * other paths 404, other methods 405 (their bodies skipped); a malformed head 400 and a head past 8 KiB 431, and a
 * transfer coding 501, each closing the connection. Keep-alive and pipelining as HTTP/1.1 and 1.0 define them.
 *
 * Unlike our parser this one checks only what decides the answer (request line, Connection, Content-Length,
 * Transfer-Encoding): the twins measure the cost of the I/O mechanism, and every load client sends valid heads.
 */
#ifndef PEERS_PLAINTEXT_H
#define PEERS_PLAINTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define MAX_HEAD 8192

enum status { ST_OK, ST_BAD_REQUEST, ST_NOT_FOUND, ST_NOT_ALLOWED, ST_TOO_LARGE, ST_NOT_IMPLEMENTED, ST_COUNT };
enum conn_header { CH_OMITTED, CH_KEEP_ALIVE, CH_CLOSE, CH_COUNT };

struct response {
    char bytes[256];
    size_t length;
};

/* Every answer for one value of the Date header; remade when the second changes. */
static struct response responses[ST_COUNT][CH_COUNT][2];
static time_t responses_second = -1;

static void build_responses(time_t now)
{
    static const char *const lines[ST_COUNT] = { "200 OK", "400 Bad Request", "404 Not Found", "405 Method Not Allowed",
                                                 "431 Request Header Fields Too Large", "501 Not Implemented" };
    static const char *const connection[CH_COUNT] = { "", "Connection: keep-alive\r\n", "Connection: close\r\n" };
    struct tm tm;
    char date[40];
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    for (int s = 0; s < ST_COUNT; s++)
        for (int c = 0; c < CH_COUNT; c++)
            for (int head_only = 0; head_only < 2; head_only++) {
                struct response *r = &responses[s][c][head_only];
                const char *body = s == ST_OK ? "Hello, World!" : "";
                int n = snprintf(r->bytes, sizeof r->bytes, "HTTP/1.1 %s\r\nServer: aiotools\r\nDate: %s\r\n%s%sContent-Length: %zu\r\n%s\r\n%s",
                                 lines[s], date, s == ST_OK ? "Content-Type: text/plain\r\n" : "",
                                 s == ST_NOT_ALLOWED ? "Allow: GET, HEAD\r\n" : "", strlen(body), connection[c],
                                 head_only ? "" : body);
                r->length = (size_t)n;
            }
    responses_second = now;
}

/* Called once per loop iteration: the coarse clock is a vDSO read, no system call. */
static inline void refresh_responses(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME_COARSE, &ts);
    if (ts.tv_sec != responses_second)
        build_responses(ts.tv_sec);
}

/* The state a connection keeps between reads: body bytes of the last request still to skip. */
struct http_state {
    size_t skip;
};

struct http_step {
    size_t consumed; /* input bytes used */
    size_t written;  /* output bytes written */
    unsigned requests;
    bool close;      /* the last answer closes the connection: send the output, then close */
};

static bool header_is(const char *line, size_t length, const char *name)
{
    size_t n = strlen(name);
    return length > n && line[n] == ':' && strncasecmp(line, name, n) == 0;
}

static bool value_has(const char *value, size_t length, const char *token)
{
    size_t n = strlen(token);
    for (size_t i = 0; i + n <= length; i++)
        if (strncasecmp(value + i, token, n) == 0)
            return true;
    return false;
}

/* One complete head at in[0..head_length): the answer's status, its Connection header and what follows it. */
static enum status parse_head(const char *in, size_t head_length, bool *head_only, bool *keep_alive, bool *http11, size_t *content_length)
{
    const char *end = in + head_length;
    const char *sp1 = memchr(in, ' ', head_length);
    const char *eol = memchr(in, '\n', head_length);
    if (!sp1 || !eol || sp1 > eol)
        return ST_BAD_REQUEST;
    const char *sp2 = memchr(sp1 + 1, ' ', (size_t)(eol - sp1 - 1));
    if (!sp2)
        return ST_BAD_REQUEST;
    size_t method = (size_t)(sp1 - in), target = (size_t)(sp2 - sp1 - 1);
    const char *version = sp2 + 1;
    size_t version_length = (size_t)(eol - version) - (eol[-1] == '\r');
    if (version_length != 8 || memcmp(version, "HTTP/1.", 7) != 0 || (version[7] != '0' && version[7] != '1'))
        return ST_BAD_REQUEST;
    *http11 = version[7] == '1';
    *head_only = method == 4 && memcmp(in, "HEAD", 4) == 0;
    bool get = method == 3 && memcmp(in, "GET", 3) == 0;
    bool close = false, keep = false, chunked = false;
    *content_length = 0;
    for (const char *line = eol + 1; line < end;) {
        const char *next = memchr(line, '\n', (size_t)(end - line));
        size_t length = (size_t)(next - line) - (next > line && next[-1] == '\r');
        if (length == 0)
            break;
        if (header_is(line, length, "Connection")) {
            close |= value_has(line + 11, length - 11, "close");
            keep |= value_has(line + 11, length - 11, "keep-alive");
        } else if (header_is(line, length, "Content-Length")) {
            *content_length = 0;
            for (size_t i = 15; i < length; i++)
                if (line[i] >= '0' && line[i] <= '9')
                    *content_length = *content_length * 10 + (size_t)(line[i] - '0');
        } else if (header_is(line, length, "Transfer-Encoding")) {
            chunked = true;
        }
        line = next + 1;
    }
    *keep_alive = !close && (*http11 || keep);
    if (chunked)
        return ST_NOT_IMPLEMENTED;
    if (!get && !*head_only)
        return ST_NOT_ALLOWED;
    bool plaintext = (target == 1 && sp1[1] == '/') || (target == 10 && memcmp(sp1 + 1, "/plaintext", 10) == 0);
    return plaintext ? ST_OK : ST_NOT_FOUND;
}

static size_t head_length(const char *in, size_t length)
{
    const char *end = in + length;
    for (const char *p = in; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
        size_t i = (size_t)(p - in);
        if ((i >= 1 && in[i - 1] == '\n') || (i >= 2 && in[i - 1] == '\r' && in[i - 2] == '\n'))
            return i + 1;
    }
    return 0;
}

/* Answers every complete request in `in` that fits in `out`, as HttpPlaintextProtocol.Process does. */
static struct http_step http_answer(struct http_state *state, const char *in, size_t length, char *out, size_t capacity)
{
    struct http_step step = { 0 };
    size_t skipped = state->skip < length ? state->skip : length;
    state->skip -= skipped;
    step.consumed = skipped;
    while (state->skip == 0 && step.consumed < length) {
        const char *request = in + step.consumed;
        size_t available = length - step.consumed;
        size_t head = head_length(request, available);
        bool head_only = false, keep_alive = true, http11 = true;
        size_t content_length = 0;
        enum status status;
        if (head == 0) {
            if (available <= MAX_HEAD)
                break;
            status = ST_TOO_LARGE;
        } else {
            status = head > MAX_HEAD ? ST_TOO_LARGE : parse_head(request, head, &head_only, &keep_alive, &http11, &content_length);
        }
        bool rejected = status == ST_BAD_REQUEST || status == ST_TOO_LARGE || status == ST_NOT_IMPLEMENTED;
        enum conn_header connection = rejected || !keep_alive ? CH_CLOSE : http11 ? CH_OMITTED : CH_KEEP_ALIVE;
        const struct response *r = &responses[status][connection][rejected ? 0 : head_only];
        if (r->length > capacity - step.written)
            break;
        memcpy(out + step.written, r->bytes, r->length);
        step.written += r->length;
        step.requests++;
        if (connection == CH_CLOSE) {
            step.consumed = length;
            step.close = true;
            break;
        }
        step.consumed += head;
        size_t body = content_length < length - step.consumed ? content_length : length - step.consumed;
        step.consumed += body;
        state->skip = content_length - body;
    }
    return step;
}

#endif
