/*
 * The C anchor of the zero-copy scenarios (file-64m, file-1m): what read/write, sendfile and splice cost in C on this
 * machine, served the way our reactor serves files. One thread, one level-triggered epoll; a GET of /NAME answers
 * a head and the file ROOT/NAME, kept alive; the body goes out as far as the socket takes it, then the connection
 * waits for EPOLLOUT and reads nothing until the body has gone.
 *   readwrite: pread into the loop's 256 KiB buffer, send what was read (what the socket did not take is read again);
 *   sendfile:  sendfile(2) of the rest of the file;
 *   splice:    splice file -> the connection's pipe (1 MiB, as our loops ask: 64 KiB if refused) -> socket.
 *
 *   file-server --root DIR [--transfer readwrite|sendfile|splice] [--port N] [--bind ADDR] [--backlog N]
 */
#include "epoll-peer.h"

#include <fcntl.h>
#include <stdbool.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

#define EVENT_BATCH 64
#define READ_BYTES 4096
#define PIPE_BYTES (1 << 20)
#define CHUNK_BYTES (256 * 1024)

enum transfer { READWRITE, SENDFILE, SPLICE };

struct connection {
    char head[READ_BYTES]; /* a request head, until it is whole */
    size_t head_length;
    int file; /* the body being sent, or -1 */
    off_t offset, length;
    int pipe[2]; /* splice: its pipe, made on the first body */
    size_t piped; /* bytes in the pipe */
    size_t pipe_capacity;
};

static int root;
static enum transfer transfer;
static struct connection *connections; /* indexed by descriptor */
static char chunk[CHUNK_BYTES];

static void close_connection(int fd)
{
    struct connection *c = &connections[fd];
    if (c->file >= 0)
        close(c->file);
    if (c->pipe[0] > 0) {
        close(c->pipe[0]);
        close(c->pipe[1]);
    }
    memset(c, 0, sizeof *c);
    c->file = -1;
    close(fd);
}

/* One step of the body; returns bytes the socket took, or -1 with errno. */
static ssize_t send_some(int fd, struct connection *c)
{
    size_t left = (size_t)(c->length - c->offset);
    if (transfer == SENDFILE)
        return sendfile(fd, c->file, &c->offset, left);
    if (transfer == READWRITE) {
        ssize_t n = pread(c->file, chunk, left < CHUNK_BYTES ? left : CHUNK_BYTES, c->offset);
        if (n <= 0)
            return n == 0 ? (errno = EIO, -1) : -1;
        ssize_t sent = send(fd, chunk, (size_t)n, MSG_NOSIGNAL);
        if (sent > 0)
            c->offset += sent;
        return sent;
    }
    if (c->pipe[0] == 0) {
        if (pipe2(c->pipe, O_NONBLOCK | O_CLOEXEC) != 0)
            return -1;
        int capacity = fcntl(c->pipe[1], F_SETPIPE_SZ, PIPE_BYTES);
        c->pipe_capacity = capacity > 0 ? (size_t)capacity : 65536;
    }
    size_t unread = (size_t)(c->length - c->offset); /* the offset moves as pages go into the pipe */
    if (unread > 0 && c->piped < c->pipe_capacity) {
        ssize_t in = splice(c->file, &c->offset, c->pipe[1], NULL, unread, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
        if (in < 0 && errno != EAGAIN)
            return -1;
        if (in > 0)
            c->piped += (size_t)in;
    }
    unsigned more = c->length > c->offset ? SPLICE_F_MORE : 0;
    ssize_t out = splice(c->pipe[0], NULL, fd, NULL, c->piped, SPLICE_F_MOVE | SPLICE_F_NONBLOCK | more);
    if (out > 0)
        c->piped -= (size_t)out;
    return out;
}

/* Bytes of the body not yet in the socket. */
static off_t body_left(const struct connection *c)
{
    return c->length - c->offset + (off_t)c->piped;
}

/* Sends what the socket takes of the body; false if the connection was closed. */
static bool pump(int fd)
{
    struct connection *c = &connections[fd];
    while (body_left(c) > 0) {
        ssize_t n = send_some(fd, c);
        if (n < 0 && errno == EAGAIN) {
            set_interest(fd, EPOLLOUT);
            return true;
        }
        if (n <= 0) {
            close_connection(fd);
            return false;
        }
    }
    close(c->file);
    c->file = -1;
    set_interest(fd, EPOLLIN);
    return true;
}

static const char not_found[] = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";

/* Answers the head in c->head (whole); false if the connection was closed. */
static bool answer(int fd, struct connection *c)
{
    char name[256] = "";
    if (sscanf(c->head, "GET /%255[^ ?] ", name) != 1 || strstr(name, "..") || name[0] == '/') {
        send(fd, not_found, sizeof not_found - 1, MSG_NOSIGNAL);
        return true;
    }
    struct stat st;
    int file = openat(root, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (file < 0 || fstat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (file >= 0)
            close(file);
        send(fd, not_found, sizeof not_found - 1, MSG_NOSIGNAL);
        return true;
    }
    char head[128];
    int length = snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: %lld\r\n\r\n", (long long)st.st_size);
    if (send(fd, head, (size_t)length, MSG_NOSIGNAL | MSG_MORE) != length) {
        close(file);
        close_connection(fd);
        return false;
    }
    c->file = file;
    c->offset = 0;
    c->length = st.st_size;
    return pump(fd);
}

static void on_readable(int fd)
{
    struct connection *c = &connections[fd];
    ssize_t n = recv(fd, c->head + c->head_length, sizeof c->head - 1 - c->head_length, 0);
    if (n <= 0) {
        if (n < 0 && errno == EAGAIN)
            return;
        close_connection(fd);
        return;
    }
    c->head_length += (size_t)n;
    c->head[c->head_length] = 0;
    char *end = strstr(c->head, "\r\n\r\n");
    if (!end) {
        if (c->head_length == sizeof c->head - 1)
            close_connection(fd);
        return;
    }
    /* One request at a time (the load sends the next after the body): what follows the head is dropped. */
    c->head_length = 0;
    answer(fd, c);
}

static void on_accepted(int fd)
{
    connections[fd].file = -1;
}

static void on_ready(int fd, uint32_t events)
{
    (void)events;
    if (connections[fd].file >= 0)
        pump(fd);
    else
        on_readable(fd);
}

int main(int argc, char **argv)
{
    const char *usage = "file-server --root DIR [--transfer readwrite|sendfile|splice] [--port N] [--bind ADDR] [--backlog N]";
    const char *root_path = NULL, *method = "sendfile";
    char *rest[16];
    int count = 0;
    rest[count++] = argv[0];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--root") == 0 && i + 1 < argc)
            root_path = argv[++i];
        else if (strcmp(argv[i], "--transfer") == 0 && i + 1 < argc)
            method = argv[++i];
        else if (count < 15)
            rest[count++] = argv[i];
    }
    struct peer_options options = parse_options(count, rest, usage);
    if (!root_path || (root = open(root_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        fprintf(stderr, "usage: %s\n", usage);
        return 2;
    }
    if (strcmp(method, "readwrite") == 0)
        transfer = READWRITE;
    else if (strcmp(method, "sendfile") == 0)
        transfer = SENDFILE;
    else if (strcmp(method, "splice") == 0)
        transfer = SPLICE;
    else {
        fprintf(stderr, "usage: %s\n", usage);
        return 2;
    }

    connections = calloc((size_t)raise_open_files(), sizeof *connections);
    if (!connections)
        die("calloc");
    int listener = open_listener(&options, SOCK_NONBLOCK);
    serve_epoll(listener, &(struct epoll_peer){ .event_batch = EVENT_BATCH, .accepted = on_accepted, .ready = on_ready });
    return 0;
}
