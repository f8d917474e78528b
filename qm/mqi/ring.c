/*
 * ring.c: libmqm's side of the shared-memory channel (qm/shmring.h).
 *
 *   mqm_ring_attach(c)   after CONN: a sealed memfd and an eventfd to the queue
 *                        manager (PROTO_ATTACH); refused or QUIRE_IPC=socket:
 *                        the connection stays on the socket
 *   mqm_ring_call(...)   one request through the shared page (mqm_call, when
 *                        the frame fits the area)
 *   mqm_ring_release(c)  unmap and close (the connection is closing)
 *
 * Waiting for a reply: while the queue manager says it has a core to spare
 * (spin_ns) the client looks at rep_seq for that long, unless the request is
 * parked (an MQGET waiting for a message); otherwise, if it may
 * (may_yield), it looks for SHMRING_PRESPIN_NS (skipping that look after it
 * came to nothing, more often each time), then yields its core (sched_yield)
 * for up to SHMRING_YIELD_NS while the request is not parked.  Then it sleeps
 * in FUTEX_WAIT in slices of SHMRING_SLICE_MS, looking at its socket between
 * them (a queue manager that was killed never wakes it).
 */
#include "qm/mqi/mqm_int.h"
#include "qm/shmring.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

void mqm_ring_release(struct mqm_conn *c)
{
	if (c->ring) {
		munmap(c->ring, SHMRING_SIZE);
		c->ring = NULL;
	}
	if (c->door >= 0) {
		close(c->door);
		c->door = -1;
	}
}

/* Send ATTACH with the two descriptors; its reply comes on the socket. */
static int send_attach(struct mqm_conn *c, int mfd, int door, uint32_t id)
{
	uint8_t f[PROTO_HDR_SIZE + 8];
	struct proto_hdr h = { PROTO_MAGIC, 8, PROTO_ATTACH, 0, id };
	proto_hdr_encode(f, &h);
	put_u32(f + PROTO_HDR_SIZE, SHMRING_VERSION);
	put_u32(f + PROTO_HDR_SIZE + 4, SHMRING_SIZE);
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(2 * sizeof(int))];
	} ctl;
	memset(&ctl, 0, sizeof ctl);
	struct iovec v = { f, sizeof f };
	struct msghdr m = { .msg_iov = &v, .msg_iovlen = 1, .msg_control = ctl.b, .msg_controllen = sizeof ctl.b };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(2 * sizeof(int));
	int fds[2] = { mfd, door };
	memcpy(CMSG_DATA(cm), fds, sizeof fds);
	ssize_t k;
	do
		k = sendmsg(c->fd, &m, MSG_NOSIGNAL);
	while (k < 0 && errno == EINTR);
	if (k == (ssize_t)sizeof f)
		return 0;
	if (k <= 0)
		return -1;
	/* the descriptors went with the first byte; the rest goes as usual */
	struct iovec rest = { f + k, sizeof f - (size_t)k };
	return proto_send_all(c->fd, &rest, 1);
}

MQLONG mqm_ring_attach(struct mqm_conn *c)
{
	const char *e = getenv("QUIRE_IPC");
	if (e && strcmp(e, "socket") == 0)
		return MQRC_NONE;
	int mfd = memfd_create("quire-mqi", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (mfd < 0)
		return MQRC_NONE;   /* no memfd here: the socket does it all */
	struct shmring *g = MAP_FAILED;
	int door = -1;
	if (ftruncate(mfd, SHMRING_SIZE) == 0 &&
	    fcntl(mfd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) == 0)
		g = mmap(NULL, SHMRING_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
	if (g != MAP_FAILED)
		door = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (door < 0) {
		if (g != MAP_FAILED)
			munmap(g, SHMRING_SIZE);
		close(mfd);
		return MQRC_NONE;
	}
	g->magic = SHMRING_MAGIC;
	g->version = SHMRING_VERSION;
	if (++c->next_id == PROTO_REFUSED_ID)
		++c->next_id;
	uint32_t id = c->next_id;
	int sent = send_attach(c, mfd, door, id);
	close(mfd);   /* the queue manager has its own descriptor now, or none */
	uint8_t hdr[PROTO_HDR_SIZE], body[8];
	struct mqm_rx rx = { body, sizeof body, NULL, 0, 0, 0 };
	struct proto_hdr r;
	if (sent != 0 || mqm_recv_reply(c->fd, hdr, &rx, &r) != 0 || !(r.flags & PROTO_F_REPLY) ||
	    r.op != PROTO_ATTACH || r.id != id || r.len != 8) {
		munmap(g, SHMRING_SIZE);
		close(door);
		return mqm_conn_break(c);
	}
	if ((MQLONG)get_u32(body) != MQCC_OK) {   /* refused: stay on the socket */
		munmap(g, SHMRING_SIZE);
		close(door);
		return MQRC_NONE;
	}
	c->ring = g;
	c->door = door;
	c->ring_seq = 0;
	c->ring_skip = c->ring_backoff = 0;
	return MQRC_NONE;
}

/* Look at rep_seq for up to SHMRING_PRESPIN_NS from t0: 1 answered, 2 parked
 * (a long wait, not the look's fault), 0 neither. */
static int prespin(struct shmring *g, uint32_t seq, uint64_t t0)
{
	do {
		for (int i = 0; i < 8; i++) {
			shmring_pause();
			if (shmring_load(&g->rep_seq) == seq)
				return 1;
		}
		if (shmring_load(&g->parked) == seq)
			return 2;
	} while (shmring_now_ns() - t0 < SHMRING_PRESPIN_NS);
	return 0;
}

/* Wait until rep_seq says seq was answered: 0, or -1 when the queue manager
 * dropped the connection or went away. */
static int ring_wait(struct mqm_conn *c, uint32_t seq)
{
	struct shmring *g = c->ring;
	if (shmring_load(&g->rep_seq) == seq)
		return 0;
	uint32_t spin = __atomic_load_n(&g->spin_ns, __ATOMIC_RELAXED);
	if (spin) {
		uint64_t t0 = shmring_now_ns();
		do {
			for (int i = 0; i < 64; i++) {
				shmring_pause();
				if (shmring_load(&g->rep_seq) == seq)
					return 0;
			}
		} while (shmring_now_ns() - t0 < spin && shmring_load(&g->parked) != seq);
	}
	if (!spin && __atomic_load_n(&g->may_yield, __ATOMIC_RELAXED)) {
		/* no core to spare: give the core to the others (the queue manager
		 * or other applications) while the request is served, and sleep
		 * once it is parked (qm/shmring.h: an MQGET waiting for a message,
		 * or the log when there are too many channels to yield) */
		uint64_t t0 = shmring_now_ns();
		if (c->ring_skip) {
			c->ring_skip--;
		} else {
			int r = prespin(g, seq, t0);
			if (r == 1) {
				c->ring_backoff = 0;
				return 0;
			}
			if (r == 0) {
				c->ring_backoff = c->ring_backoff ? c->ring_backoff * 2 : 1;
				if (c->ring_backoff > SHMRING_PRESPIN_SKIP_MAX)
					c->ring_backoff = SHMRING_PRESPIN_SKIP_MAX;
				c->ring_skip = c->ring_backoff;
			}
		}
		do {
			if (shmring_load(&g->parked) == seq)
				break;
			sched_yield();
			if (shmring_load(&g->rep_seq) == seq)
				return 0;
		} while (shmring_now_ns() - t0 < SHMRING_YIELD_NS);
	}
	int rc = 0;
	for (;;) {
		shmring_store(&g->client_sleeping, 1);
		shmring_fence();
		uint32_t v = shmring_load(&g->rep_seq);
		if (v == seq)
			break;
		if (shmring_load(&g->closed)) {
			rc = -1;
			break;
		}
		struct timespec ts = { 0, SHMRING_SLICE_MS * 1000000L };
		long k = syscall(SYS_futex, &g->rep_seq, FUTEX_WAIT, v, &ts, NULL, 0);
		if (k < 0 && errno == ETIMEDOUT) {
			struct pollfd p = { .fd = c->fd, .events = POLLRDHUP };
			if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLRDHUP | POLLERR)) &&
			    shmring_load(&g->rep_seq) != seq) {
				rc = -1;   /* the socket ended: the queue manager is gone */
				break;
			}
		}
	}
	shmring_store(&g->client_sleeping, 0);
	return rc;
}

int mqm_ring_call(struct mqm_conn *c, const uint8_t *hdr, const struct iovec *iov, int niov, uint8_t *rhdr, struct mqm_rx *rx, struct proto_hdr *r)
{
	struct shmring *g = c->ring;
	uint8_t *a = shmring_area(g);
	memcpy(a, hdr, PROTO_HDR_SIZE);
	size_t at = PROTO_HDR_SIZE;
	for (int i = 0; i < niov; i++) {
		if (iov[i].iov_len)
			memcpy(a + at, iov[i].iov_base, iov[i].iov_len);
		at += iov[i].iov_len;
	}
	uint32_t seq = ++c->ring_seq;
	shmring_store(&g->req_seq, seq);
	shmring_fence();
	if (shmring_load(&g->server_sleeping)) {
		uint64_t one = 1;
		ssize_t k = write(c->door, &one, sizeof one);
		(void)k;   /* EAGAIN: the counter is full, the queue manager will look anyway */
	}
	if (ring_wait(c, seq) != 0)
		return -1;
	uint32_t n = shmring_load(&g->rep_len);
	if (n == SHMRING_ON_SOCKET)
		return mqm_recv_reply(c->fd, rhdr, rx, r);
	if (n < PROTO_HDR_SIZE || n > SHMRING_AREA)
		return -1;
	memcpy(rhdr, a, PROTO_HDR_SIZE);
	if (proto_hdr_decode(rhdr, r) != 0 || (size_t)r->len != n - PROTO_HDR_SIZE)
		return -1;
	size_t k = r->len < rx->fixed_cap ? r->len : rx->fixed_cap;
	memcpy(rx->fixed, a + PROTO_HDR_SIZE, k);
	size_t rest = r->len - k;
	size_t t = rest < rx->tail_cap ? rest : rx->tail_cap;
	if (t)
		memcpy(rx->tail, a + PROTO_HDR_SIZE + k, t);
	return 0;
}
