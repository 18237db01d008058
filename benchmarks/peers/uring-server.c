/*
 * The C twin of `aiotools serve --engine io_uring` (variant default, one loop), on liburing: a ring of 4,096
 * entries (16,384 completions) with SUBMIT_ALL | SINGLE_ISSUER | DEFER_TASKRUN | TASKRUN_FLAG; one multishot accept
 * straight into the fixed-file table; TCP_NODELAY set through the ring (SOCKET_URING_OP_SETSOCKOPT, a fixed file has
 * no descriptor); one multishot receive per connection from a provided-buffer ring of 1,024 × 16 KiB; answers
 * gathered in a 16 KiB output chunk, one send in flight per connection. Each iteration is one io_uring_enter that
 * submits what was prepared and waits for a completion; completions are read from the mapped queue.
 *
 *   uring-server [--port N] [--bind ADDR] [--backlog N]
 */
#include "peer.h"
#include "plaintext.h"

#include <liburing.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>

#define RING_ENTRIES 4096
#define BUFFER_COUNT 1024
#define CHUNK_BYTES (16 * 1024)
#define BUFFER_GROUP 0
#define MIN_OUTPUT_SPACE 512
#define SOCKET_OP_SETSOCKOPT 3 /* SOCKET_URING_OP_SETSOCKOPT (Linux 6.7); Debian 12's headers predate it */

enum kind { K_ACCEPT = 1, K_RECEIVE, K_SEND, K_SETOPT, K_CANCEL, K_CLOSE };

struct connection {
    struct http_state http;
    uint32_t generation;
    int in_flight;           /* requests the kernel still holds for this connection */
    bool open, receiving, closing, close_after_output;
    char *input;             /* a split head, kept until the rest arrives */
    size_t input_length;
    char *output;            /* answers gathered while a send is in flight */
    size_t output_length;
    char *sending;           /* the chunk in flight */
    size_t send_offset, send_length;
};

static struct io_uring ring;
static struct io_uring_buf_ring *buffer_ring;
static char *buffers;
static int buffers_returned;
static struct connection *connections; /* indexed by fixed-file slot */
static char *spare_chunks[256];
static int spare_count;
static const int one = 1;
static unsigned long long requests;

static uint64_t token(enum kind kind, uint32_t slot, uint32_t generation)
{
    return ((uint64_t)kind << 56) | ((uint64_t)(generation & 0xffffff) << 32) | slot;
}

static struct io_uring_sqe *next_sqe(void)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
    if (!sqe) {
        io_uring_submit(&ring); /* full: hand what is prepared to the kernel first */
        sqe = io_uring_get_sqe(&ring);
    }
    return sqe;
}

/* A request on a connection: counted until its completion comes back, so the slot is not closed under it. */
static struct io_uring_sqe *next_fixed_sqe(uint32_t slot)
{
    connections[slot].in_flight++;
    return next_sqe();
}

static char *rent_chunk(void) { return spare_count > 0 ? spare_chunks[--spare_count] : malloc(CHUNK_BYTES); }

static void release_chunk(char **chunk)
{
    if (*chunk && spare_count < (int)(sizeof spare_chunks / sizeof *spare_chunks))
        spare_chunks[spare_count++] = *chunk;
    else
        free(*chunk);
    *chunk = NULL;
}

static void arm_accept(int listener)
{
    struct io_uring_sqe *sqe = next_sqe();
    io_uring_prep_multishot_accept_direct(sqe, listener, NULL, NULL, 0);
    io_uring_sqe_set_data64(sqe, token(K_ACCEPT, 0, 0));
}

static void arm_receive(uint32_t slot)
{
    struct connection *c = &connections[slot];
    struct io_uring_sqe *sqe = next_fixed_sqe(slot);
    io_uring_prep_recv_multishot(sqe, (int)slot, NULL, 0, 0);
    sqe->flags |= IOSQE_FIXED_FILE | IOSQE_BUFFER_SELECT;
    sqe->buf_group = BUFFER_GROUP;
    io_uring_sqe_set_data64(sqe, token(K_RECEIVE, slot, c->generation));
    c->receiving = true;
}

static void close_connection(uint32_t slot)
{
    struct connection *c = &connections[slot];
    if (c->closing)
        return;
    c->closing = true;
    if (c->receiving) {
        struct io_uring_sqe *sqe = next_fixed_sqe(slot);
        io_uring_prep_cancel64(sqe, token(K_RECEIVE, slot, c->generation), 0);
        io_uring_sqe_set_data64(sqe, token(K_CANCEL, slot, c->generation));
    }
}

/* Once nothing is in flight, the slot is closed and freed. */
static void finish_closing(uint32_t slot)
{
    struct connection *c = &connections[slot];
    if (!c->closing || c->in_flight > 0)
        return;
    struct io_uring_sqe *sqe = next_sqe();
    io_uring_prep_close_direct(sqe, slot);
    io_uring_sqe_set_data64(sqe, token(K_CLOSE, slot, 0));
    free(c->input);
    release_chunk(&c->output);
    release_chunk(&c->sending);
    uint32_t generation = c->generation + 1;
    memset(c, 0, sizeof *c);
    c->generation = generation;
}

static void submit_send(uint32_t slot)
{
    struct connection *c = &connections[slot];
    struct io_uring_sqe *sqe = next_fixed_sqe(slot);
    io_uring_prep_send(sqe, (int)slot, c->sending + c->send_offset, c->send_length - c->send_offset, MSG_NOSIGNAL);
    sqe->flags |= IOSQE_FIXED_FILE;
    io_uring_sqe_set_data64(sqe, token(K_SEND, slot, c->generation));
}

/* Sends the gathered output unless a send is in flight (its completion sends the rest). */
static void flush(uint32_t slot)
{
    struct connection *c = &connections[slot];
    if (c->sending || c->closing)
        return;
    if (c->output_length == 0) {
        release_chunk(&c->output); /* an idle connection holds no output memory */
        if (c->close_after_output)
            close_connection(slot);
        return;
    }
    c->sending = c->output;
    c->send_offset = 0;
    c->send_length = c->output_length;
    c->output = NULL;
    c->output_length = 0;
    submit_send(slot);
}

/* Answers what `input` holds into the output chunk; returns the bytes consumed (less when the output is full). */
static size_t drive(uint32_t slot, const char *input, size_t length)
{
    struct connection *c = &connections[slot];
    size_t consumed = 0;
    while (consumed < length && !c->close_after_output) {
        if (!c->output) {
            c->output = rent_chunk();
            c->output_length = 0;
        }
        if (CHUNK_BYTES - c->output_length < MIN_OUTPUT_SPACE) {
            if (c->sending)
                break; /* held until the send in flight completes */
            flush(slot);
            continue;
        }
        struct http_step step = http_answer(&c->http, input + consumed, length - consumed, c->output + c->output_length, CHUNK_BYTES - c->output_length);
        consumed += step.consumed;
        c->output_length += step.written;
        requests += step.requests;
        c->close_after_output = step.close;
        if (step.consumed == 0 && step.written == 0)
            break;
    }
    return consumed;
}

static void keep_input(struct connection *c, const char *bytes, size_t length)
{
    char *kept = malloc(length);
    memcpy(kept, bytes, length);
    free(c->input);
    c->input = kept;
    c->input_length = length;
}

static void consume(uint32_t slot, const char *data, size_t length)
{
    struct connection *c = &connections[slot];
    if (c->closing || c->close_after_output)
        return;
    if (c->input_length > 0) {
        /* A split head: join it with what came, answer, keep the rest. */
        size_t total = c->input_length + length;
        char *joined = malloc(total);
        memcpy(joined, c->input, c->input_length);
        memcpy(joined + c->input_length, data, length);
        size_t used = drive(slot, joined, total);
        keep_input(c, joined + used, total - used);
        free(joined);
        if (used == total) {
            free(c->input);
            c->input = NULL;
            c->input_length = 0;
        }
    } else {
        size_t used = drive(slot, data, length);
        if (used < length)
            keep_input(c, data + used, length - used);
    }
    if (c->input_length > MAX_HEAD + 1 + CHUNK_BYTES) {
        close_connection(slot);
        return;
    }
    flush(slot);
}

static void on_received(uint32_t slot, const struct io_uring_cqe *cqe)
{
    struct connection *c = &connections[slot];
    if (!(cqe->flags & IORING_CQE_F_MORE)) {
        c->receiving = false;
        c->in_flight--;
    }
    if (cqe->res > 0) {
        unsigned id = cqe->flags >> IORING_CQE_BUFFER_SHIFT;
        consume(slot, buffers + (size_t)id * CHUNK_BYTES, (size_t)cqe->res);
        io_uring_buf_ring_add(buffer_ring, buffers + (size_t)id * CHUNK_BYTES, CHUNK_BYTES, (unsigned short)id,
                              io_uring_buf_ring_mask(BUFFER_COUNT), buffers_returned++);
    } else if (cqe->res == 0 || cqe->res != -ENOBUFS) {
        close_connection(slot); /* the peer is done (answer what it asked, then close), or the socket failed */
    }
    if (!c->receiving && !c->closing)
        arm_receive(slot); /* ENOBUFS: buffers come back before the next enter */
}

static void on_sent(uint32_t slot, const struct io_uring_cqe *cqe)
{
    struct connection *c = &connections[slot];
    if (cqe->res < 0 || c->closing) {
        release_chunk(&c->sending);
        close_connection(slot);
        return;
    }
    c->send_offset += (size_t)cqe->res;
    if (c->send_offset < c->send_length) {
        submit_send(slot);
        return;
    }
    release_chunk(&c->sending);
    if (c->input_length > 0 && c->output_length < MIN_OUTPUT_SPACE) {
        /* Input held while the output was full is answered now. */
        char *held = c->input;
        size_t length = c->input_length;
        c->input = NULL;
        c->input_length = 0;
        consume(slot, held, length);
        free(held);
        return;
    }
    flush(slot);
}

static void on_completion(const struct io_uring_cqe *cqe, int listener)
{
    enum kind kind = (enum kind)(cqe->user_data >> 56);
    uint32_t slot = (uint32_t)cqe->user_data;
    if (kind == K_ACCEPT) {
        if (cqe->res >= 0) {
            struct connection *c = &connections[cqe->res];
            slot = (uint32_t)cqe->res;
            c->open = true;
            struct io_uring_sqe *sqe = next_fixed_sqe(slot);
            io_uring_prep_rw(IORING_OP_URING_CMD, sqe, (int)slot, NULL, 0, 0);
            sqe->flags |= IOSQE_FIXED_FILE;
            sqe->off = SOCKET_OP_SETSOCKOPT;                     /* cmd_op */
            sqe->addr = IPPROTO_TCP | ((uint64_t)TCP_NODELAY << 32); /* level, optname */
            sqe->file_index = sizeof one;                        /* optlen */
            sqe->addr3 = (uint64_t)(uintptr_t)&one;              /* optval */
            io_uring_sqe_set_data64(sqe, token(K_SETOPT, slot, c->generation));
            arm_receive(slot);
        }
        if (!(cqe->flags & IORING_CQE_F_MORE) && !stopping)
            arm_accept(listener);
        return;
    }
    if (kind == K_CLOSE)
        return;
    switch (kind) {
    case K_RECEIVE:
        on_received(slot, cqe);
        break;
    case K_SEND:
        connections[slot].in_flight--;
        on_sent(slot, cqe);
        break;
    default: /* set-option, cancel: only counted back */
        connections[slot].in_flight--;
        break;
    }
    finish_closing(slot);
}

int main(int argc, char **argv)
{
    struct peer_options options = parse_options(argc, argv, "uring-server [--port N] [--bind ADDR] [--backlog N]");
    int slots = raise_open_files();
    if (slots > 1 << 20)
        slots = 1 << 20;
    connections = calloc((size_t)slots, sizeof *connections);
    int listener = open_listener(&options, 0);

    struct io_uring_params params = {
        .flags = IORING_SETUP_CQSIZE | IORING_SETUP_SUBMIT_ALL | IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_TASKRUN_FLAG,
        .cq_entries = RING_ENTRIES * 4,
    };
    int error = io_uring_queue_init_params(RING_ENTRIES, &ring, &params);
    if (error < 0) {
        errno = -error;
        die("io_uring_queue_init_params");
    }
    if ((error = io_uring_register_files_sparse(&ring, (unsigned)slots)) < 0) {
        errno = -error;
        die("io_uring_register_files_sparse");
    }
    size_t ring_bytes = BUFFER_COUNT * sizeof(struct io_uring_buf);
    buffer_ring = mmap(NULL, ring_bytes, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    buffers = malloc((size_t)BUFFER_COUNT * CHUNK_BYTES);
    struct io_uring_buf_reg registration = { .ring_addr = (uint64_t)(uintptr_t)buffer_ring, .ring_entries = BUFFER_COUNT, .bgid = BUFFER_GROUP };
    if (buffer_ring == MAP_FAILED || !buffers || !connections || (error = io_uring_register_buf_ring(&ring, &registration, 0)) < 0) {
        errno = error < 0 ? -error : ENOMEM;
        die("buffer ring");
    }
    io_uring_buf_ring_init(buffer_ring);
    for (int i = 0; i < BUFFER_COUNT; i++)
        io_uring_buf_ring_add(buffer_ring, buffers + (size_t)i * CHUNK_BYTES, CHUNK_BYTES, (unsigned short)i, io_uring_buf_ring_mask(BUFFER_COUNT), i);
    io_uring_buf_ring_advance(buffer_ring, BUFFER_COUNT);

    arm_accept(listener);
    while (!stopping) {
        error = io_uring_submit_and_wait(&ring, 1);
        if (error < 0 && error != -EINTR && error != -ETIME) {
            errno = -error;
            die("io_uring_submit_and_wait");
        }
        refresh_responses();
        struct io_uring_cqe *cqe;
        unsigned head, seen = 0;
        io_uring_for_each_cqe(&ring, head, cqe)
        {
            on_completion(cqe, listener);
            seen++;
        }
        io_uring_cq_advance(&ring, seen);
        if (buffers_returned > 0) {
            /* Buffers handed back by this batch become the kernel's again before the next enter. */
            io_uring_buf_ring_advance(buffer_ring, buffers_returned);
            buffers_returned = 0;
        }
    }
    fprintf(stderr, "stopped: %llu requests\n", requests);
    io_uring_queue_exit(&ring);
    return 0;
}
