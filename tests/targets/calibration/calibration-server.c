/*
 * Ground truth for calibrating a load generator: an HTTP plaintext server (our engines' answer bytes) whose latency
 * is known in advance.
 *
 *   calibration-server --delay-us D   answers every request exactly D µs after it reached the server's socket:
 *                                     the kernel's receive timestamp (SO_TIMESTAMPNS), so the time this server
 *                                     takes to wake up and read it is inside D, not added to it; a FIFO of answers
 *                                     (D is the same for all, so deadlines come in order) and one timerfd armed for
 *                                     the oldest (absolute CLOCK_MONOTONIC, timer slack 1 ns).
 *   calibration-server --stall-ms S --every-ms E
 *                                     answers at once, but every E ms the whole server stops for S ms (nanosleep),
 *                                     as a stop-the-world pause would: nothing is read or answered meanwhile.
 *   --spin-us P                       with --delay-us: the timer fires P µs early and the last stretch is polled
 *                                     for (epoll_wait without blocking, so requests arriving meanwhile are still
 *                                     read and stamped), so an idle CPU's wake-up latency does not make answers late.
 *                                     D = 0 answers at once: the loopback round trip, the floor under any D.
 *   common: [--port N] [--bind ADDR] [--backlog N]; prints "listening on ADDR:PORT", and when stopped (SIGTERM)
 *   "stopped: N requests, late p50 X µs p99 Y µs max Z µs, read p50 R µs p99 S µs": how much after its deadline
 *   each answer really went, and how long after a request reached the socket the server's read of it returned
 *   (its own wake-up; with --delay-us it is part of D as long as it is shorter than D - P).
 *
 * Answers are small: one that the socket will not take whole closes its connection (the client counts an error).
 */
#include "peer.h"
#include "plaintext.h"

#include <stdint.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/timerfd.h>

#define EVENT_BATCH 512
#define QUEUE_CAPACITY (1 << 16)
#define LISTENER UINT64_MAX
#define TIMER (UINT64_MAX - 1)

struct connection {
    struct http_state http;
    uint32_t generation;
    char input[MAX_HEAD * 2];
    size_t input_length;
};

/* Answers waiting for their deadline, oldest first. */
struct pending {
    int fd;
    uint32_t generation;
    bool close;
    uint64_t due_nanos;
    size_t length;
    char *bytes;
};

static int epfd, timer;
static struct connection *connections;
static struct pending queue[QUEUE_CAPACITY];
static size_t queue_head, queue_count;
static bool delay_given;
static uint64_t delay_nanos, spin_nanos, stall_nanos, every_nanos, next_stall;
static uint64_t armed_at = UINT64_MAX; /* what the timerfd is set to (0: disarmed) */
static uint64_t late_micros[10001]; /* answers by µs sent after their deadline; the last bucket holds the rest */
static uint64_t late_max_micros;
static uint64_t read_micros[10001]; /* requests by µs from reaching the socket to the read's return */
static unsigned long long untimed; /* reads that came without a kernel timestamp (their deadline runs from the read) */
static unsigned long long requests;

static uint64_t clock_nanos(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t now_nanos(void)
{
    return clock_nanos(CLOCK_MONOTONIC);
}

/* recv, and when the bytes reached the socket on CLOCK_MONOTONIC (the kernel stamps CLOCK_REALTIME: shifted by the
 * two clocks' offset read just now); *arrived is the read's return when the kernel gave no timestamp. */
static ssize_t receive_stamped(int fd, char *buffer, size_t size, uint64_t *arrived)
{
    union { char bytes[CMSG_SPACE(sizeof(struct timespec))]; struct cmsghdr align; } control;
    struct iovec iov = { buffer, size };
    struct msghdr message = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.bytes, .msg_controllen = sizeof control.bytes };
    ssize_t n = recvmsg(fd, &message, 0);
    uint64_t now = now_nanos(), real = clock_nanos(CLOCK_REALTIME);
    *arrived = now;
    if (n <= 0)
        return n;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&message); c; c = CMSG_NXTHDR(&message, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
            struct timespec stamp;
            memcpy(&stamp, CMSG_DATA(c), sizeof stamp);
            uint64_t stamped = (uint64_t)stamp.tv_sec * 1000000000u + (uint64_t)stamp.tv_nsec;
            if (stamped > 0 && stamped <= real) {
                *arrived = now - (real - stamped);
                uint64_t waited = (real - stamped) / 1000;
                read_micros[waited < 10000 ? waited : 10000]++;
                return n;
            }
        }
    }
    untimed++;
    return n;
}

/* Sets the timer to P µs before the oldest answer's deadline (or disarms it), unless it is set so already. */
static void arm_timer(void)
{
    uint64_t due = queue_count > 0 ? queue[queue_head].due_nanos - spin_nanos : 0;
    if (due == armed_at)
        return;
    struct itimerspec when = { 0 };
    when.it_value.tv_sec = (time_t)(due / 1000000000u);
    when.it_value.tv_nsec = (long)(due % 1000000000u);
    if (timerfd_settime(timer, TFD_TIMER_ABSTIME, &when, NULL) != 0)
        die("timerfd_settime");
    armed_at = due;
}

/* Whether the oldest answer's deadline is near enough to poll for rather than sleep. */
static bool polling(void)
{
    return queue_count > 0 && queue[queue_head].due_nanos <= now_nanos() + spin_nanos;
}

static void close_connection(int fd)
{
    connections[fd].generation++;
    connections[fd].input_length = 0;
    connections[fd].http.skip = 0;
    close(fd);
}

static void send_answer(int fd, const char *bytes, size_t length, bool close_after)
{
    ssize_t sent = send(fd, bytes, length, MSG_NOSIGNAL);
    if (sent != (ssize_t)length || close_after)
        close_connection(fd);
}

static void send_due(void)
{
    uint64_t now;
    while (queue_count > 0 && queue[queue_head].due_nanos <= (now = now_nanos())) {
        struct pending *p = &queue[queue_head];
        uint64_t late = (now - p->due_nanos) / 1000;
        late_micros[late < 10000 ? late : 10000]++;
        late_max_micros = late > late_max_micros ? late : late_max_micros;
        if (connections[p->fd].generation == p->generation)
            send_answer(p->fd, p->bytes, p->length, p->close);
        free(p->bytes);
        queue_head = (queue_head + 1) % QUEUE_CAPACITY;
        queue_count--;
    }
    arm_timer();
}

static void on_readable(int fd)
{
    struct connection *c = &connections[fd];
    uint64_t arrived;
    ssize_t n = receive_stamped(fd, c->input + c->input_length, sizeof c->input - c->input_length, &arrived);
    if (n <= 0) {
        if (n == 0 || errno != EAGAIN)
            close_connection(fd);
        return;
    }
    c->input_length += (size_t)n;
    char output[64 * 1024];
    struct http_step step = http_answer(&c->http, c->input, c->input_length, output, sizeof output);
    memmove(c->input, c->input + step.consumed, c->input_length - step.consumed);
    c->input_length -= step.consumed;
    requests += step.requests;
    if (c->input_length == sizeof c->input) {
        close_connection(fd);
        return;
    }
    if (step.written == 0)
        return;
    if (delay_nanos == 0) {
        send_answer(fd, output, step.written, step.close);
        return;
    }
    if (queue_count == QUEUE_CAPACITY) {
        close_connection(fd);
        return;
    }
    struct pending *p = &queue[(queue_head + queue_count) % QUEUE_CAPACITY];
    *p = (struct pending){ fd, c->generation, step.close, arrived + delay_nanos, step.written, malloc(step.written) };
    memcpy(p->bytes, output, step.written);
    if (queue_count++ == 0)
        arm_timer();
}

static unsigned long long percentile(const uint64_t *micros, double percent)
{
    uint64_t total = 0, seen = 0;
    for (int i = 0; i <= 10000; i++)
        total += micros[i];
    for (int i = 0; i <= 10000; i++)
        if ((seen += micros[i]) > 0 && (double)seen >= total * percent / 100)
            return (unsigned long long)i;
    return 0;
}

/* Milliseconds until the next stall (-1: never); stalls first if it is due. */
static int stall_when_due(void)
{
    if (stall_nanos == 0)
        return -1;
    uint64_t now = now_nanos();
    if (now >= next_stall) {
        struct timespec pause = { (time_t)(stall_nanos / 1000000000u), (long)(stall_nanos % 1000000000u) };
        nanosleep(&pause, NULL);
        next_stall += every_nanos;
        now = now_nanos();
    }
    return next_stall > now ? (int)((next_stall - now + 999999) / 1000000) : 0;
}

int main(int argc, char **argv)
{
    /* Take our own options out, leave the common ones to parse_options. */
    char *rest[16] = { argv[0] };
    int count = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--delay-us") == 0 && i + 1 < argc) {
            delay_nanos = strtoull(argv[++i], NULL, 10) * 1000u;
            delay_given = true;
        }
        else if (strcmp(argv[i], "--spin-us") == 0 && i + 1 < argc)
            spin_nanos = strtoull(argv[++i], NULL, 10) * 1000u;
        else if (strcmp(argv[i], "--stall-ms") == 0 && i + 1 < argc)
            stall_nanos = strtoull(argv[++i], NULL, 10) * 1000000u;
        else if (strcmp(argv[i], "--every-ms") == 0 && i + 1 < argc)
            every_nanos = strtoull(argv[++i], NULL, 10) * 1000000u;
        else if (count < 15)
            rest[count++] = argv[i];
    }
    const char *usage = "calibration-server (--delay-us D [--spin-us P] | --stall-ms S --every-ms E) [--port N] [--bind ADDR] [--backlog N]";
    struct peer_options options = parse_options(count, rest, usage);
    if ((stall_nanos > 0) != (every_nanos > 0) || delay_given == (stall_nanos > 0)) {
        fprintf(stderr, "usage: %s\n", usage);
        return 2;
    }
    /* Timers fire when asked, not up to 50 µs later (the default slack). */
    prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
    connections = calloc((size_t)raise_open_files(), sizeof *connections);
    int listener = open_listener(&options, SOCK_NONBLOCK);
    epfd = epoll_create1(EPOLL_CLOEXEC);
    timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    struct epoll_event event = { .events = EPOLLIN, .data.u64 = LISTENER };
    struct epoll_event timer_event = { .events = EPOLLIN, .data.u64 = TIMER };
    if (!connections || epfd < 0 || timer < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, listener, &event) != 0
        || epoll_ctl(epfd, EPOLL_CTL_ADD, timer, &timer_event) != 0)
        die("setup");
    next_stall = now_nanos() + every_nanos;

    struct epoll_event events[EVENT_BATCH];
    while (!stopping) {
        int timeout = stall_when_due();
        int ready = epoll_wait(epfd, events, EVENT_BATCH, polling() ? 0 : timeout);
        if (ready < 0 && errno != EINTR)
            die("epoll_wait");
        refresh_responses();
        for (int i = 0; i < ready; i++) {
            uint64_t token = events[i].data.u64;
            if (token == LISTENER) {
                int fd;
                while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
                    int one = 1;
                    struct epoll_event client = { .events = EPOLLIN, .data.u64 = (uint64_t)fd };
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
                    if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &client) != 0)
                        close_connection(fd);
                }
            } else if (token == TIMER) {
                uint64_t expirations;
                if (read(timer, &expirations, sizeof expirations) < 0 && errno != EAGAIN)
                    die("read timerfd");
            } else {
                on_readable((int)token);
            }
        }
        send_due();
    }
    fprintf(stderr, "stopped: %llu requests, late p50 %llu µs p99 %llu µs max %llu µs, read p50 %llu µs p99 %llu µs, %llu reads untimed\n",
            requests, percentile(late_micros, 50), percentile(late_micros, 99), (unsigned long long)late_max_micros,
            percentile(read_micros, 50), percentile(read_micros, 99), untimed);
    return 0;
}
