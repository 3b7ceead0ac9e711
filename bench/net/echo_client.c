/*
 * The echo load client of bench/net.sh. Each of CONNS connections sends one SIZE-byte message,
 * waits for all SIZE bytes to come back, and repeats. After WARMUP seconds it reads the server's
 * CPU time from /proc/PID/stat (utime+stime) and starts counting; after MEASURE more seconds it
 * reads it again and prints one line:
 *   messages=N seconds=S msgs_per_s=R mb_per_s=M cpu_us_per_msg=C
 * (MB = 10^6 bytes of messages echoed, counted once). One thread, epoll, 127.0.0.1 only.
 *
 * usage: echo_client PORT CONNS SIZE WARMUP MEASURE SERVER_PID
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct conn {
    int fd;
    size_t sent;
    size_t received;
    int want_out;
};

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long long cpu_ticks(int pid) {
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); exit(1); }
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    /* The command name may hold spaces: the fields after it start past the last ')'. */
    char *p = strrchr(buf, ')');
    if (!p) { fprintf(stderr, "bad %s\n", path); exit(1); }
    long long utime = 0, stime = 0;
    /* After ')': field 3 (state) ... utime is field 14, stime field 15. */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lld %lld", &utime, &stime) != 2) {
        fprintf(stderr, "cannot parse %s\n", path); exit(1);
    }
    return utime + stime;
}

static void set_interest(int ep, struct conn *c, int out) {
    if (c->want_out == out) return;
    struct epoll_event ev = { .events = EPOLLIN | (out ? EPOLLOUT : 0), .data.ptr = c };
    if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) < 0) { perror("epoll_ctl"); exit(1); }
    c->want_out = out;
}

/* Sends what the socket takes of the rest of the message; asks for EPOLLOUT if some is left. */
static void pump_send(int ep, struct conn *c, const char *msg, size_t size) {
    while (c->sent < size) {
        ssize_t n = send(c->fd, msg + c->sent, size - c->sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN) break;
            perror("send"); exit(1);
        }
        c->sent += n;
    }
    set_interest(ep, c, c->sent < size);
}

int main(int argc, char **argv) {
    if (argc != 7) {
        fprintf(stderr, "usage: %s PORT CONNS SIZE WARMUP MEASURE SERVER_PID\n", argv[0]);
        return 2;
    }
    int port = atoi(argv[1]), conns = atoi(argv[2]);
    size_t size = strtoul(argv[3], NULL, 10);
    double warmup = atof(argv[4]), measure = atof(argv[5]);
    int server = atoi(argv[6]);
    long ticks_per_s = sysconf(_SC_CLK_TCK);

    char *msg = malloc(size);
    for (size_t i = 0; i < size; i++) msg[i] = (char) ('a' + i % 26);
    size_t scratch_size = 256 * 1024;
    char *scratch = malloc(scratch_size);

    int ep = epoll_create1(0);
    struct conn *all = calloc(conns, sizeof *all);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(port) };
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    for (int i = 0; i < conns; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *) &addr, sizeof addr) < 0) { perror("connect"); return 1; }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(fd, F_SETFL, O_NONBLOCK);
        all[i].fd = fd;
        all[i].want_out = 0;
        struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &all[i] };
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }
    for (int i = 0; i < conns; i++) pump_send(ep, &all[i], msg, size);

    struct epoll_event events[512];
    double start = now(), measure_start = 0, end = 0;
    long long cpu_start = 0, messages = 0;
    int measuring = 0;
    for (;;) {
        double t = now();
        if (!measuring && t - start >= warmup) {
            measuring = 1;
            cpu_start = cpu_ticks(server);
            measure_start = now();
        } else if (measuring && t - measure_start >= measure) {
            end = t;
            break;
        }
        int n = epoll_wait(ep, events, 512, 100);
        if (n < 0) {
            if (errno == EINTR) continue;
            perror("epoll_wait"); return 1;
        }
        for (int i = 0; i < n; i++) {
            struct conn *c = events[i].data.ptr;
            if (events[i].events & EPOLLOUT) pump_send(ep, c, msg, size);
            if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
                for (;;) {
                    ssize_t got = recv(c->fd, scratch, scratch_size, 0);
                    if (got < 0) {
                        if (errno == EAGAIN) break;
                        perror("recv"); return 1;
                    }
                    if (got == 0) { fprintf(stderr, "server closed a connection\n"); return 1; }
                    c->received += got;
                    if (c->received > size) { fprintf(stderr, "echo longer than the message\n"); return 1; }
                    if (c->received == size) {
                        if (measuring) messages++;
                        c->received = 0;
                        c->sent = 0;
                        pump_send(ep, c, msg, size);
                        break;
                    }
                }
            }
        }
    }
    long long cpu_end = cpu_ticks(server);
    double seconds = end - measure_start;
    double cpu_us = (cpu_end - cpu_start) * 1e6 / ticks_per_s;
    printf("messages=%lld seconds=%.3f msgs_per_s=%.0f mb_per_s=%.1f cpu_us_per_msg=%.2f\n",
           messages, seconds, messages / seconds, messages * (double) size / seconds / 1e6,
           messages ? cpu_us / messages : 0.0);
    return 0;
}
