/*
 * ring.c: the queue manager's side of the shared-memory channel
 * (qm/shmring.h): attaching one to a connection, taking requests from every
 * channel after each round of events, the replies, sleeping and waking.
 */
#include "qm/server/ring.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "qm/proto.h"
#include "qm/qmrun.h"
#include "qm/server/conn.h"
#include "qm/shmring.h"

char ring_door_tag;

/* How long a client may spin for its reply before it sleeps: only while
 * there are fewer channels than cores, so that a spinning client never takes
 * the core the queue manager or another application needs. */
#define RING_SPIN_NS 400000u
/* How long the loop looks at the channels before it sleeps, under the same
 * condition: an application's next call usually comes within microseconds
 * of its reply, and a sleeping loop costs it a doorbell and a wake-up. */
#define RING_LOOP_SPIN_NS 50000u
/* With as many channels as cores or more, while clients yield: the loop looks
 * this long.  Those clients look for their reply for SHMRING_PRESPIN_NS before
 * they yield, and a loop asleep would turn that look into a doorbell. */
#define RING_LOOP_BUSY_SPIN_NS 2500u
#define RING_YIELD_PER_CPU 32u

static unsigned ncpu(void)
{
	static unsigned n;
	if (!n) {
		long k = sysconf(_SC_NPROCESSORS_ONLN);
		n = k > 0 ? (unsigned)k : 1;
	}
	return n;
}

/* Clients may yield their core while they wait: at most RING_YIELD_PER_CPU
 * channels a core (beyond that, clients yielding for a core would leave the
 * loop a small share of it). */
static int clients_yield(const struct qm *qm)
{
	return qm->nrings <= RING_YIELD_PER_CPU * ncpu();
}

/* Tell every channel how its client should wait (qm/shmring.h spin_ns and
 * may_yield): spin while there are fewer channels than cores; yield while
 * clients_yield; else sleep at once. */
static void set_hints(struct qm *qm)
{
	uint32_t spin = qm->nrings < ncpu() ? RING_SPIN_NS : 0;
	uint32_t yield = (uint32_t)clients_yield(qm);
	for (struct conn *o = qm->conns; o; o = o->next)
		if (o->ring) {
			__atomic_store_n(&o->ring->spin_ns, spin, __ATOMIC_RELAXED);
			__atomic_store_n(&o->ring->may_yield, yield, __ATOMIC_RELAXED);
		}
}

/* An fd is an eventfd when /proc says so. */
static int is_eventfd(int fd)
{
	char path[64], link[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(path, link, sizeof link - 1);
	if (n < 0)
		return 0;
	link[n] = 0;
	return strcmp(link, "anon_inode:[eventfd]") == 0;
}

/* Check and map a client's memfd: sealed against shrinking and growing, of
 * exactly SHMRING_SIZE bytes. */
static struct shmring *map_memfd(int fd)
{
	int seals = fcntl(fd, F_GET_SEALS);
	struct stat st;
	if (seals < 0 || (seals & (F_SEAL_SHRINK | F_SEAL_GROW)) != (F_SEAL_SHRINK | F_SEAL_GROW) ||
	    fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != (off_t)SHMRING_SIZE)
		return NULL;
	void *m = mmap(NULL, SHMRING_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	return m == MAP_FAILED ? NULL : m;
}

void ring_attach(struct qm *qm, struct conn *c, struct rd *d)
{
	uint32_t version = rd_u32(d), size = rd_u32(d);
	int mfd = c->passed_fd[0], door = c->passed_fd[1];
	c->passed_fd[0] = c->passed_fd[1] = -1;
	if (d->bad) {
		if (mfd >= 0)
			close(mfd);
		if (door >= 0)
			close(door);
		conn_fail(qm, c);
		return;
	}
	struct shmring *g = NULL;
	MQLONG rc = MQRC_NONE;
	if (!c->connected || c->ring)
		rc = MQRC_HCONN_ERROR;
	else if (version != SHMRING_VERSION || size != SHMRING_SIZE || mfd < 0 || door < 0 || !is_eventfd(door))
		rc = MQRC_ENVIRONMENT_ERROR;
	else if (qm->max_conns && qm->nconns + qm->nrings >= qm->max_conns)
		rc = MQRC_RESOURCE_PROBLEM;   /* the doorbells would take the descriptors connections need */
	else if (!(g = map_memfd(mfd)) || g->magic != SHMRING_MAGIC || g->version != SHMRING_VERSION)
		rc = MQRC_ENVIRONMENT_ERROR;
	if (mfd >= 0)
		close(mfd);   /* the mapping stays */
	if (!rc) {
		struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.ptr = &ring_door_tag };
		if (epoll_ctl(qm->epfd, EPOLL_CTL_ADD, door, &ev) != 0)
			rc = MQRC_RESOURCE_PROBLEM;
	}
	if (rc) {
		if (g)
			munmap(g, SHMRING_SIZE);
		if (door >= 0)
			close(door);
		conn_reply_codes(qm, c, MQCC_FAILED, rc);
		conn_done(qm, c);
		return;
	}
	c->ring = g;
	c->door = door;
	c->ring_seen = shmring_load(&g->req_seq);
	qm->nrings++;
	/* what the queue manager writes starts from a known state; the client
	 * waits for this reply on the socket before it uses the page */
	g->rep_seq = c->ring_seen;
	g->rep_len = 0;
	g->closed = 0;
	g->server_sleeping = qm->ring_armed;
	set_hints(qm);
	conn_reply_codes(qm, c, MQCC_OK, MQRC_NONE);
	conn_done(qm, c);
}

int ring_reply(struct qm *qm, struct conn *c, const uint8_t *frame, size_t len)
{
	struct shmring *g = c->ring;
	c->via_ring = 0;
	if (len <= SHMRING_AREA) {
		memcpy(shmring_area(g), frame, len);
		__atomic_store_n(&g->rep_len, (uint32_t)len, __ATOMIC_RELAXED);
	} else {
		/* too big for the page: on the socket, and the page says so */
		if (conn_send_socket(qm, c, frame, len) != 0)
			return -1;
		__atomic_store_n(&g->rep_len, SHMRING_ON_SOCKET, __ATOMIC_RELAXED);
	}
	shmring_store(&g->rep_seq, c->ring_cur);
	shmring_fence();
	if (shmring_load(&g->client_sleeping)) {
		/* woken at the end of the round (ring_wake), after every other
		 * reply of the round is written: a woken client can take the
		 * loop's core, so the loop does its work first */
		if (qm->nwake == RING_WAKE_MAX)
			ring_wake(qm);
		qm->wake[qm->nwake++] = &g->rep_seq;
	}
	return 0;
}

void ring_wake(struct qm *qm)
{
	for (unsigned i = 0; i < qm->nwake; i++)
		syscall(SYS_futex, qm->wake[i], FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	qm->nwake = 0;
}

/* A new request on c's page, if there is one: taken and served. */
static void take(struct qm *qm, struct conn *c)
{
	struct shmring *g = c->ring;
	uint32_t seq = shmring_load(&g->req_seq);
	if (seq == c->ring_seen)
		return;
	c->ring_seen = seq;
	uint8_t hb[PROTO_HDR_SIZE];
	struct proto_hdr h;
	memcpy(hb, shmring_area(g), sizeof hb);   /* read once: the client may write meanwhile */
	if (proto_hdr_decode(hb, &h) != 0 || (size_t)h.len > SHMRING_AREA - PROTO_HDR_SIZE) {
		conn_fail(qm, c);
		return;
	}
	c->ring_cur = seq;
	c->via_ring = 1;
	c->log_parked = 0;
	/* the header as read, then the body: the copy is what is served (a
	 * handler never drops its connection, conn.h: c and its page stay) */
	conn_take_frame(qm, c, hb, shmring_area(g) + PROTO_HDR_SIZE, h.len);
	/* no answer yet: its client may sleep.  Not for a reply that waits for
	 * the log while clients may yield (set_hints): the flush comes within a
	 * few hundred microseconds, before the client's yielding ends, and a
	 * client that yields needs no wake-up (a FUTEX_WAKE was 18 us of the
	 * loop's time on this VM, and the woken client took the loop's core) */
	if (c->via_ring && c->busy && !(c->log_parked && clients_yield(qm)))
		shmring_store(&g->parked, seq);
}

/* c has a channel and may be given its next request: nothing of it is being
 * served, waits, or is left in its buffer from the socket. */
static int ring_idle(const struct conn *c)
{
	return c->ring && !c->dead && !c->broken && !c->busy && !c->rlen;
}

void ring_poll(struct qm *qm)
{
	if (!qm->nrings)
		return;
	for (struct conn *c = qm->conns; c; c = c->next)
		if (ring_idle(c))
			take(qm, c);
}

int ring_pending(struct qm *qm)
{
	for (struct conn *c = qm->conns; c; c = c->next)
		if (ring_idle(c) && shmring_load(&c->ring->req_seq) != c->ring_seen)
			return 1;
	return 0;
}

int ring_spin(struct qm *qm)
{
	if (!qm->nrings || !clients_yield(qm))
		return 0;
	uint64_t lim = qm->nrings < ncpu() ? RING_LOOP_SPIN_NS : RING_LOOP_BUSY_SPIN_NS;
	/* every channel with a request in hand (a commit waiting for the log, an
	 * MQGET for a message): no request can come, and the core is the log
	 * writer's */
	int idle = 0;
	for (struct conn *c = qm->conns; c && !idle; c = c->next)
		idle = ring_idle(c);
	if (!idle)
		return 0;
	uint64_t t0 = shmring_now_ns();
	do {
		for (int i = 0; i < 64; i++)
			shmring_pause();
		if (ring_pending(qm))
			return 1;
	} while (shmring_now_ns() - t0 < lim);
	return 0;
}

int ring_before_sleep(struct qm *qm)
{
	if (!qm->nrings)
		return 0;
	for (struct conn *c = qm->conns; c; c = c->next)
		if (c->ring)
			shmring_store(&c->ring->server_sleeping, 1);
	qm->ring_armed = 1;
	shmring_fence();
	return ring_pending(qm);
}

void ring_after_sleep(struct qm *qm)
{
	if (!qm->ring_armed)
		return;
	qm->ring_armed = 0;
	for (struct conn *c = qm->conns; c; c = c->next)
		if (c->ring)
			__atomic_store_n(&c->ring->server_sleeping, 0, __ATOMIC_RELAXED);
}

void ring_release(struct qm *qm, struct conn *c)
{
	if (c->passed_fd[0] >= 0)
		close(c->passed_fd[0]);
	if (c->passed_fd[1] >= 0)
		close(c->passed_fd[1]);
	c->passed_fd[0] = c->passed_fd[1] = -1;
	if (!c->ring)
		return;
	struct shmring *g = c->ring;
	shmring_store(&g->closed, 1);
	shmring_fence();
	ring_wake(qm);   /* none may point into the page unmapped below */
	syscall(SYS_futex, &g->rep_seq, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	munmap(g, SHMRING_SIZE);
	c->ring = NULL;
	epoll_ctl(qm->epfd, EPOLL_CTL_DEL, c->door, NULL);
	close(c->door);
	c->door = -1;
	if (qm->nrings)
		qm->nrings--;
	set_hints(qm);
}
