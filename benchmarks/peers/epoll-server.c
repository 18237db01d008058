/*
 * The C twin of `aiotools serve --engine epoll` (level-triggered, one loop): what the same mechanism costs in C.
 * One thread, one epoll; accept in batches of 1024; read into the loop's 64 KiB buffer, answer every complete
 * request into the loop's 64 KiB output buffer, one send; a connection keeps bytes only for a split head or output
 * the socket would not take (then it waits for EPOLLOUT and reads nothing until the output has gone).
 *
 *   epoll-server [--port N] [--bind ADDR] [--backlog N]
 */
#include "epoll-peer.h"
#include "plaintext.h"

#include <stdbool.h>

#define EVENT_BATCH 512
#define BUFFER_BYTES (64 * 1024)

struct connection {
    struct http_state http;
    char *input; /* a split head, kept until the rest arrives */
    size_t input_length;
    char *output; /* what the socket would not take */
    size_t output_length, output_sent;
    bool close_after_output;
};

static struct connection *connections; /* indexed by descriptor */
static char read_buffer[BUFFER_BYTES];
static char write_buffer[BUFFER_BYTES];
static unsigned long long requests;

static void close_connection(int fd)
{
    struct connection *c = &connections[fd];
    free(c->input);
    free(c->output);
    memset(c, 0, sizeof *c);
    close(fd); /* closing removes it from the epoll set */
}

/* Sends `length` bytes; keeps what the socket would not take. False if the connection was closed. */
static bool respond(int fd, const char *bytes, size_t length, bool close_after)
{
    struct connection *c = &connections[fd];
    ssize_t sent = send(fd, bytes, length, MSG_NOSIGNAL);
    if (sent < 0 && errno != EAGAIN) {
        close_connection(fd);
        return false;
    }
    size_t done = sent < 0 ? 0 : (size_t)sent;
    if (done == length) {
        if (close_after) {
            close_connection(fd);
            return false;
        }
        return true;
    }
    c->output = malloc(length - done);
    memcpy(c->output, bytes + done, length - done);
    c->output_length = length - done;
    c->output_sent = 0;
    c->close_after_output = close_after;
    set_interest(fd, EPOLLOUT);
    return true;
}

/* Answers what `input` holds; returns the bytes consumed (less than all when the output is held or closed). */
static size_t drive(int fd, const char *input, size_t length, bool *open)
{
    size_t consumed = 0;
    while (consumed < length) {
        struct http_step step = http_answer(&connections[fd].http, input + consumed, length - consumed, write_buffer, sizeof write_buffer);
        consumed += step.consumed;
        requests += step.requests;
        if (step.written > 0 && (!(*open = respond(fd, write_buffer, step.written, step.close)) || connections[fd].output))
            return consumed;
        if (step.consumed == 0 && step.written == 0)
            break;
    }
    return consumed;
}

static void on_readable(int fd)
{
    struct connection *c = &connections[fd];
    size_t start = c->input_length;
    if (start > 0) {
        memcpy(read_buffer, c->input, start);
        free(c->input);
        c->input = NULL;
        c->input_length = 0;
    }
    for (;;) {
        size_t room = sizeof read_buffer - start;
        ssize_t n = recv(fd, read_buffer + start, room, 0);
        if (n <= 0) {
            if (n < 0 && errno == EAGAIN)
                break;
            close_connection(fd); /* the peer is done; what it asked for has been answered */
            return;
        }
        size_t available = start + (size_t)n;
        bool open = true;
        size_t consumed = drive(fd, read_buffer, available, &open);
        if (!open)
            return;
        start = available - consumed;
        if (consumed > 0 && start > 0)
            memmove(read_buffer, read_buffer + consumed, start);
        if (c->output || (size_t)n < room)
            break; /* held behind output, or drained for now: level-triggered, the next wait says when there is more */
        if (start == sizeof read_buffer) {
            close_connection(fd);
            return;
        }
    }
    if (start > 0) {
        c->input = malloc(start);
        memcpy(c->input, read_buffer, start);
        c->input_length = start;
    }
}

static void on_writable(int fd)
{
    struct connection *c = &connections[fd];
    ssize_t sent = send(fd, c->output + c->output_sent, c->output_length - c->output_sent, MSG_NOSIGNAL);
    if (sent < 0) {
        if (errno != EAGAIN)
            close_connection(fd);
        return;
    }
    c->output_sent += (size_t)sent;
    if (c->output_sent < c->output_length)
        return;
    free(c->output);
    c->output = NULL;
    if (c->close_after_output) {
        close_connection(fd);
        return;
    }
    set_interest(fd, EPOLLIN);
    if (c->input_length > 0)
        on_readable(fd); /* the held input first: it may be whole requests */
}

static void on_ready(int fd, uint32_t events)
{
    if (connections[fd].output && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
        on_writable(fd);
    else if (!connections[fd].output && (events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
        on_readable(fd);
}

int main(int argc, char **argv)
{
    struct peer_options options = parse_options(argc, argv, "epoll-server [--port N] [--bind ADDR] [--backlog N]");
    connections = calloc((size_t)raise_open_files(), sizeof *connections);
    if (!connections)
        die("calloc");
    int listener = open_listener(&options, SOCK_NONBLOCK);
    serve_epoll(listener, &(struct epoll_peer){ .event_batch = EVENT_BATCH, .woken = refresh_responses, .ready = on_ready });
    fprintf(stderr, "stopped: %llu requests\n", requests);
    return 0;
}
