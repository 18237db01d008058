/*
 * The loop both epoll peers run (epoll-server, file-server): one thread, one level-triggered epoll set holding the
 * listener and every connection by its descriptor; connections accepted in batches, each with TCP_NODELAY as our
 * engines set it; the wait resumed after a signal until SIGINT/SIGTERM. A peer says what a connection's readiness
 * means. Called once from main, the loop is inlined there with the peer's handlers as direct calls.
 */
#ifndef PEERS_EPOLL_PEER_H
#define PEERS_EPOLL_PEER_H

#include "peer.h"

#include <stdint.h>
#include <sys/epoll.h>

#define ACCEPT_BATCH 1024
#define LISTENER UINT64_MAX

struct epoll_peer {
    int event_batch;                        /* events taken per wait */
    void (*accepted)(int fd);               /* sets up a new connection's slot before it is watched; or NULL */
    void (*woken)(void);                    /* after each wait, before its events; or NULL */
    void (*ready)(int fd, uint32_t events); /* a connection's events */
};

static int epfd;

static void set_interest(int fd, uint32_t events)
{
    struct epoll_event event = { .events = events, .data.u64 = (uint64_t)fd };
    if (epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &event) != 0)
        die("epoll_ctl");
}

static void accept_connections(int listener, const struct epoll_peer *peer)
{
    for (int i = 0; i < ACCEPT_BATCH; i++) {
        int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EAGAIN || errno == EMFILE || errno == ENFILE)
                return;
            continue;
        }
        if (peer->accepted)
            peer->accepted(fd);
        int one = 1;
        struct epoll_event event = { .events = EPOLLIN, .data.u64 = (uint64_t)fd };
        if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &event) != 0)
            close(fd);
    }
}

/* Serves the listener's connections until SIGINT/SIGTERM. */
static void serve_epoll(int listener, const struct epoll_peer *peer)
{
    struct epoll_event event = { .events = EPOLLIN, .data.u64 = LISTENER };
    if ((epfd = epoll_create1(EPOLL_CLOEXEC)) < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, listener, &event) != 0)
        die("epoll");

    struct epoll_event events[peer->event_batch];
    while (!stopping) {
        int ready = epoll_wait(epfd, events, peer->event_batch, -1);
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            die("epoll_wait");
        }
        if (peer->woken)
            peer->woken();
        for (int i = 0; i < ready; i++) {
            if (events[i].data.u64 == LISTENER)
                accept_connections(listener, peer);
            else
                peer->ready((int)events[i].data.u64, events[i].events);
        }
    }
}

#endif
