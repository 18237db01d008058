/*
 * What both C twins share outside their loops: the command line, the listening socket (as our engines open it:
 * SO_REUSEADDR, non-blocking, backlog 65535 capped by net.core.somaxconn), the open-files limit raised to its hard
 * limit, and SIGINT/SIGTERM ending the loop. Like `aiotools serve`, a twin prints "listening on ADDR:PORT".
 */
#ifndef PEERS_PEER_H
#define PEERS_PEER_H

#define _GNU_SOURCE /* accept4 */

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

struct peer_options {
    const char *bind;
    int port;
    int backlog;
};

static volatile sig_atomic_t stopping;

static void on_stop_signal(int signal_number)
{
    (void)signal_number;
    stopping = 1;
}

static void die(const char *what)
{
    fprintf(stderr, "%s: %s\n", what, strerror(errno));
    exit(1);
}

static struct peer_options parse_options(int argc, char **argv, const char *usage)
{
    struct peer_options o = { "127.0.0.1", 8080, 65535 };
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--port") == 0 && i + 1 < argc)
            o.port = atoi(argv[++i]);
        else if (strcmp(argv[i], "--bind") == 0 && i + 1 < argc)
            o.bind = argv[++i];
        else if (strcmp(argv[i], "--backlog") == 0 && i + 1 < argc)
            o.backlog = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: %s\n", usage);
            exit(2);
        }
    }
    return o;
}

/* Raises the soft open-files limit to the hard one and returns it: the most connections this process can hold. */
static int raise_open_files(void)
{
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        die("getrlimit");
    limit.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0)
        die("setrlimit");
    return (int)limit.rlim_cur;
}

static int open_listener(const struct peer_options *o, int extra_flags)
{
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons((unsigned short)o->port) };
    if (inet_pton(AF_INET, o->bind, &address.sin_addr) != 1) {
        fprintf(stderr, "'%s' is not an IPv4 address\n", o->bind);
        exit(2);
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | extra_flags, 0);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0)
        die("socket");
    if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0)
        die("bind");
    if (listen(fd, o->backlog) != 0)
        die("listen");
    socklen_t length = sizeof address;
    getsockname(fd, (struct sockaddr *)&address, &length);
    char text[INET_ADDRSTRLEN];
    printf("listening on %s:%d\n", inet_ntop(AF_INET, &address.sin_addr, text, sizeof text), ntohs(address.sin_port));
    fflush(stdout);

    struct sigaction action = { .sa_handler = on_stop_signal }; /* no SA_RESTART: the wait returns EINTR */
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    signal(SIGPIPE, SIG_IGN);
    return fd;
}

#endif
