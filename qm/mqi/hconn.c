/*
 * hconn.c: connection handles and the socket to the queue manager.
 *
 * Handles.  An MQHCONN is a slot of the process's table of connections plus
 * a generation, so that a handle that was disconnected is never mistaken for
 * a newer connection in the same slot:
 *     hconn = generation << 16 | (slot + 1)     slot 0..65534, generation 0..32767
 * The first connection of a process is therefore 1, the next 2, and so on.
 * The table has one lock (tab_lock), held only to look up, add or remove.
 * Each connection has its own call_lock, held for the whole of a call, so a
 * handle may be used from any thread and its calls run one at a time (the
 * protocol has one request outstanding per connection).  A connection lives
 * while the table or a call in progress holds a reference.
 *
 * fork.  A child process must not use its parent's connections: each records
 * the pid that made it and any other process gets MQRC_HCONN_ERROR for it.
 * pthread_atfork keeps tab_lock usable in the child (it is held across the
 * fork); a call_lock that another parent thread held is never touched in the
 * child, because the pid check comes first.
 *
 * Broken connections.  A failed send, a closed socket, a short read or a
 * reply that does not follow qm/proto.h closes the socket; that call and every
 * later one on the handle get MQRC_CONNECTION_BROKEN, or MQRC_Q_MGR_STOPPING
 * when an earlier reply had said the queue manager was quiescing or stopping.
 * SIGPIPE is never raised (MSG_NOSIGNAL).
 */
#include "qm/mqi/mqm_int.h"
#include "qm/mqi/client_tls.h"
#include "qm/shmring.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

static pthread_mutex_t tab_lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot {
	struct mqm_conn *c;
	uint16_t gen;
} *tab;
static int tab_cap;
static pthread_once_t fork_once = PTHREAD_ONCE_INIT;

static pid_t my_pid;   /* this process's pid once known; 0 again in a forked child */

static void fork_prepare(void) { pthread_mutex_lock(&tab_lock); }
static void fork_release(void) { pthread_mutex_unlock(&tab_lock); }
static void fork_child(void)
{
	__atomic_store_n(&my_pid, 0, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&tab_lock);
}
static void fork_setup(void) { pthread_atfork(fork_prepare, fork_release, fork_child); }

/* getpid() without a system call per MQI call: the value is kept, and the
 * fork handler (registered before the first use) forgets it in a child. */
static pid_t self_pid(void)
{
	pthread_once(&fork_once, fork_setup);
	pid_t p = __atomic_load_n(&my_pid, __ATOMIC_RELAXED);
	if (!p) {
		p = getpid();
		__atomic_store_n(&my_pid, p, __ATOMIC_RELAXED);
	}
	return p;
}

/* ------------------------------------------------------------------------ */
/* Connections and the table                                                */

struct mqm_conn *mqm_conn_new(void)
{
	struct mqm_conn *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	pthread_mutex_init(&c->call_lock, NULL);
	pthread_mutex_init(&c->send_lock, NULL);
	c->fd = -1;
	c->door = -1;
	c->pid = self_pid();
	c->owner = pthread_self();
	return c;
}

void mqm_conn_free(struct mqm_conn *c)
{
	mqm_async_free(c);
	mqm_rcn_free(c);
	mqm_ring_release(c);
	if (c->fd >= 0) {
		ctls_shutdown(c->tls);
		close(c->fd);
	}
	ctls_free(c->tls);
	pthread_mutex_destroy(&c->call_lock);
	pthread_mutex_destroy(&c->send_lock);
	free(c);
}

MQLONG mqm_conn_add(struct mqm_conn *c)
{
	pthread_once(&fork_once, fork_setup);
	pthread_mutex_lock(&tab_lock);
	int s = 0;
	while (s < tab_cap && tab[s].c)
		s++;
	if (s == tab_cap) {
		if (tab_cap >= MQM_MAX_CONNS) {
			pthread_mutex_unlock(&tab_lock);
			return MQRC_MAX_CONNS_LIMIT_REACHED;
		}
		int ncap = tab_cap ? tab_cap * 2 : 16;
		if (ncap > MQM_MAX_CONNS)
			ncap = MQM_MAX_CONNS;
		struct slot *t = realloc(tab, sizeof *t * (size_t)ncap);
		if (!t) {
			pthread_mutex_unlock(&tab_lock);
			return MQRC_STORAGE_NOT_AVAILABLE;
		}
		memset(t + tab_cap, 0, sizeof *t * (size_t)(ncap - tab_cap));
		tab = t;
		tab_cap = ncap;
	}
	tab[s].c = c;
	c->hconn = (MQHCONN)((uint32_t)tab[s].gen << 16 | (uint32_t)(s + 1));
	c->refs = 1;
	pthread_mutex_unlock(&tab_lock);
	return MQRC_NONE;
}

/* Slot of a handle, or -1. */
static int slot_of(MQHCONN h)
{
	if (h <= 0)
		return -1;
	int s = (int)(h & 0xffff) - 1;
	if (s < 0 || s >= tab_cap || tab[s].gen != (uint16_t)((uint32_t)h >> 16))
		return -1;
	return s;
}

MQLONG mqm_conn_get(MQHCONN h, struct mqm_conn **out)
{
	pid_t pid = self_pid();
	struct mqm_conn *c = NULL;
	pthread_mutex_lock(&tab_lock);
	int s = slot_of(h);
	if (s >= 0 && tab[s].c && tab[s].c->pid == pid) {
		c = tab[s].c;
		c->refs++;
	}
	pthread_mutex_unlock(&tab_lock);
	*out = c;
	return c ? MQRC_NONE : MQRC_HCONN_ERROR;
}

void mqm_conn_ref(struct mqm_conn *c)
{
	pthread_mutex_lock(&tab_lock);
	c->refs++;
	pthread_mutex_unlock(&tab_lock);
}

void mqm_conn_put(struct mqm_conn *c)
{
	pthread_mutex_lock(&tab_lock);
	int last = --c->refs == 0;
	pthread_mutex_unlock(&tab_lock);
	if (last)
		mqm_conn_free(c);
}

void mqm_conn_remove(struct mqm_conn *c)
{
	int last = 0;
	pthread_mutex_lock(&tab_lock);
	int s = slot_of(c->hconn);
	if (s >= 0 && tab[s].c == c) {
		tab[s].c = NULL;
		tab[s].gen = (uint16_t)((tab[s].gen + 1) & 0x7fff);
		last = --c->refs == 0;
	}
	pthread_mutex_unlock(&tab_lock);
	if (last)
		mqm_conn_free(c);
}

struct mqm_conn *mqm_conn_of_thread(void)
{
	pid_t pid = self_pid();
	pthread_t me = pthread_self();
	struct mqm_conn *found = NULL;
	pthread_mutex_lock(&tab_lock);
	for (int s = 0; s < tab_cap && !found; s++) {
		struct mqm_conn *c = tab[s].c;
		if (c && !c->shared && c->pid == pid && pthread_equal(c->owner, me) &&
		    __atomic_load_n(&c->broken_rc, __ATOMIC_ACQUIRE) == 0) {
			found = c;
			c->refs++;
		}
	}
	pthread_mutex_unlock(&tab_lock);
	return found;
}

void mqm_conn_each_client(void (*fn)(struct mqm_conn *c, void *arg), void *arg)
{
	pid_t pid = self_pid();
	struct mqm_conn **list;
	int n = 0;
	pthread_mutex_lock(&tab_lock);
	list = tab_cap ? malloc(sizeof *list * (size_t)tab_cap) : NULL;
	for (int s = 0; list && s < tab_cap; s++) {
		struct mqm_conn *c = tab[s].c;
		if (c && c->client && c->pid == pid) {
			c->refs++;
			list[n++] = c;
		}
	}
	pthread_mutex_unlock(&tab_lock);
	for (int i = 0; i < n; i++) {
		fn(list[i], arg);
		mqm_conn_put(list[i]);
	}
	free(list);
}

MQLONG mqm_conn_lock(struct mqm_conn *c, int any)
{
	if (c->no_block) {
		if (pthread_mutex_trylock(&c->call_lock) != 0)
			return MQRC_CALL_IN_PROGRESS;
	} else {
		pthread_mutex_lock(&c->call_lock);
	}
	MQLONG rc = c->broken_rc;
	if (rc && !any && !mqm_rcn_live(c)) {   /* a reconnectable one's next call reconnects */
		pthread_mutex_unlock(&c->call_lock);
		return rc;
	}
	return MQRC_NONE;
}

void mqm_conn_unlock(struct mqm_conn *c)
{
	pthread_mutex_unlock(&c->call_lock);
}

void mqm_conn_close(struct mqm_conn *c, MQLONG rc)
{
	mqm_ring_release(c);
	pthread_mutex_lock(&c->send_lock);
	if (c->fd >= 0) {
		ctls_shutdown(c->tls);   /* TLS's state lives on until the connection is freed */
		close(c->fd);
		c->fd = -1;
	}
	pthread_mutex_unlock(&c->send_lock);
	__atomic_store_n(&c->broken_rc, rc, __ATOMIC_RELEASE);
}

MQLONG mqm_conn_break(struct mqm_conn *c)
{
	MQLONG rc = c->broken_rc;
	if (!rc)
		rc = c->stopping ? MQRC_Q_MGR_STOPPING : MQRC_CONNECTION_BROKEN;
	mqm_conn_close(c, rc);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Reaching the queue manager (mqsini.c finds it in mqs.ini)                */

/* Connecting, and waiting for the answer to CONN, are bounded by
 * MQM_HANDSHAKE_SECONDS (SO_SNDTIMEO bounds a connect() waiting in a full
 * listen backlog, SO_RCVTIMEO the reply): a queue manager that cannot take
 * the connection gives 2059 then, never a hang.  Once connected, calls wait
 * as long as they need (an MQGET with a long wait interval).  A variable so
 * that the unit test can shorten it. */
static int handshake_seconds = MQM_HANDSHAKE_SECONDS;

void mqm_handshake_timeout(int fd, int on)
{
	struct timeval tv = { .tv_sec = on ? handshake_seconds : 0, .tv_usec = 0 };
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

MQLONG mqm_dial(const char *data_dir, int *fdp)
{
	struct sockaddr_un sa;
	int dirfd, fd, r, e;
	*fdp = -1;
	if (proto_sock_addr(data_dir, &sa, &dirfd) != 0)
		return errno == EACCES ? MQRC_NOT_AUTHORIZED : MQRC_Q_MGR_NOT_AVAILABLE;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		if (dirfd >= 0)
			close(dirfd);
		return MQRC_RESOURCE_PROBLEM;
	}
	mqm_handshake_timeout(fd, 1);
	do
		r = connect(fd, (const struct sockaddr *)&sa, sizeof sa);
	while (r < 0 && errno == EINTR);
	e = errno;
	if (r < 0 && e == EISCONN)
		r = 0;
	if (dirfd >= 0)
		close(dirfd);
	if (r < 0) {
		close(fd);
		return (e == EACCES || e == EPERM) ? MQRC_NOT_AUTHORIZED : MQRC_Q_MGR_NOT_AVAILABLE;
	}
	*fdp = fd;
	return MQRC_NONE;
}

/* ------------------------------------------------------------------------ */
/* One exchange                                                             */

#define MAX_IOV 8

/*
 * Receive one reply: its header into hdr, then the body: the first
 * rx->fixed_cap bytes into rx->fixed, the next rx->tail_cap into rx->tail, the
 * rest dropped.  Only one request is outstanding on a connection, so reading
 * as much as is there can never take bytes of another reply: one recvmsg
 * usually brings the whole reply.
 */
int mqm_recv_reply(int fd, uint8_t *hdr, struct mqm_rx *rx, struct proto_hdr *r)
{
	char sink[4096];
	size_t got = 0, want = PROTO_HDR_SIZE;   /* the whole reply once the header is known */
	int known = 0;
	for (;;) {
		struct iovec v[4];
		int nv = 0;
		size_t at = got, limit = known ? want : PROTO_HDR_SIZE + rx->fixed_cap + rx->tail_cap;
		/* the parts of [at, limit) in the order hdr, fixed, tail, sink */
		size_t base = 0;
		struct { void *p; size_t n; } part[3] = {
			{ hdr, PROTO_HDR_SIZE }, { rx->fixed, rx->fixed_cap }, { rx->tail, rx->tail_cap } };
		for (int i = 0; i < 3 && at < limit; i++) {
			size_t end = base + part[i].n;
			if (at < end) {
				size_t n = (end < limit ? end : limit) - at;
				v[nv].iov_base = (char *)part[i].p + (at - base);
				v[nv++].iov_len = n;
				at += n;
			}
			base = end;
		}
		if (at < limit) {
			v[nv].iov_base = sink;
			v[nv++].iov_len = limit - at < sizeof sink ? limit - at : sizeof sink;
		}
		struct msghdr m = { .msg_iov = v, .msg_iovlen = (size_t)nv };
		ssize_t k = recvmsg(fd, &m, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		got += (size_t)k;
		if (!known && got >= PROTO_HDR_SIZE) {
			if (proto_hdr_decode(hdr, r) != 0)
				return -1;
			known = 1;
			want = PROTO_HDR_SIZE + (size_t)r->len;
			if (got > want)
				return -1;   /* more than one reply: the protocol is broken */
		}
		if (known && got == want)
			return 0;
	}
}

MQLONG mqm_call(struct mqm_conn *c, uint16_t op, const struct iovec *iov, int niov,
		struct mqm_rx *rx, MQLONG *cc, MQLONG *rc)
{
	if (c->rcn)
		return mqm_rcn_call(c, op, iov, niov, rx, cc, rc);
	return mqm_call_raw(c, op, iov, niov, rx, cc, rc);
}

MQLONG mqm_call_raw(struct mqm_conn *c, uint16_t op, const struct iovec *iov, int niov,
		    struct mqm_rx *rx, MQLONG *cc, MQLONG *rc)
{
	uint8_t hdr[PROTO_HDR_SIZE];
	struct iovec v[MAX_IOV];
	struct proto_hdr h = { PROTO_MAGIC, 0, op, 0, 0 }, r;
	size_t len = 0;

	*cc = MQCC_FAILED;
	*rc = MQRC_UNEXPECTED_ERROR;
	if (c->fd < 0)
		return c->broken_rc ? c->broken_rc : MQRC_CONNECTION_BROKEN;
	if (niov >= MAX_IOV || rx->fixed_cap < 8)
		return MQRC_UNEXPECTED_ERROR;
	for (int i = 0; i < niov; i++) {
		len += iov[i].iov_len;
		v[i + 1] = iov[i];
	}
	if (len > PROTO_MAX_BODY)
		return MQRC_UNEXPECTED_ERROR;
	h.len = (uint32_t)len;
	if (++c->next_id == PROTO_REFUSED_ID)
		++c->next_id;
	h.id = c->next_id;
	proto_hdr_encode(hdr, &h);
	v[0].iov_base = hdr;
	v[0].iov_len = sizeof hdr;
	int sent = 1;
	if (c->ring && PROTO_HDR_SIZE + len <= SHMRING_AREA) {
		if (mqm_ring_call(c, hdr, iov, niov, hdr, rx, &r) != 0)
			return mqm_conn_break(c);
	} else {
		/* A refused CONN (qm/proto.h): the queue manager may have answered
		 * and closed before our request went out, so a failed send still
		 * looks for its refusal. */
		pthread_mutex_lock(&c->send_lock);   /* beside an MQCTL's CBCANCEL (async.c) */
		sent = (c->client ? mqm_client_send(c, v, niov + 1) : proto_send_all(c->fd, v, niov + 1)) == 0;
		pthread_mutex_unlock(&c->send_lock);
		if (!sent && op != PROTO_CONN)
			return mqm_conn_break(c);
		if (c->client ? mqm_client_recv(c, hdr, rx, &r) : mqm_recv_reply(c->fd, hdr, rx, &r))
			return mqm_conn_break(c);
	}
	int refusal = op == PROTO_CONN && r.id == PROTO_REFUSED_ID;
	if (!(r.flags & PROTO_F_REPLY) || r.op != op || (r.id != h.id && !refusal) || r.len < 8 ||
	    (!sent && !refusal))
		return mqm_conn_break(c);
	size_t k = r.len < rx->fixed_cap ? r.len : rx->fixed_cap;
	size_t rest = r.len - k;
	size_t t = rest < rx->tail_cap ? rest : rx->tail_cap;
	rx->len = r.len;
	rx->tail_len = t;
	*cc = (MQLONG)get_u32(rx->fixed);
	*rc = (MQLONG)get_u32(rx->fixed + 4);
	if (*rc == MQRC_Q_MGR_QUIESCING || *rc == MQRC_Q_MGR_STOPPING ||
	    *rc == MQRC_CONNECTION_QUIESCING || *rc == MQRC_CONNECTION_STOPPING)
		c->stopping = 1;
	return MQRC_NONE;
}
