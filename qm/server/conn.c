/* conn.c: application connections: sockets, frames and replies (see conn.h). */
#include "qm/server/conn.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log/byteorder.h"
#include "log/osio.h"
#include "log/qmerr.h"
#include "qm/home/msgcat.h"
#include "qm/server/channel.h"
#include "qm/server/listen.h"
#include "qm/server/ring.h"
#include "qm/proto.h"
#include "qm/qmrun.h"

#define RBUF_MIN (64u * 1024u)

/*
 * Bytes held for a connection that does not follow the protocol's one
 * request at a time.  libmqm and the commands have one request outstanding per
 * connection: they send the next only once they have read the reply to the
 * last.  So a client of theirs never has an older reply still unsent when a
 * new one is queued (beyond what the socket had not yet taken), and never
 * sends anything while its request is parked (an MQGET waiting, a commit
 * waiting for the log).  A peer that does either would make the queue
 * manager hold whatever it likes: once more than CONN_OUT_LIMIT of older
 * replies is unsent, or more than CONN_PARKED_IN_LIMIT has come while its
 * request is parked, it is dropped (as a malformed frame would be).
 */
#define CONN_OUT_LIMIT (1024u * 1024u)
#define CONN_PARKED_IN_LIMIT (1024u * 1024u)

/* ---- replies ---------------------------------------------------------------- */

/* The buffer of the last reply freed, kept for the next (REP_KEEP_MAX at
 * most): most replies are built and sent in one go, and malloc and free of a
 * few KiB for every one were a tenth of the loop's time. */
#define REP_KEEP_MAX (256u * 1024u)
static __thread uint8_t *rep_kept;
static __thread size_t rep_kept_cap;

/* Make *buf (of *cap bytes, NULL and 0 at first) hold need bytes: its size
 * doubled from min.  0, or -1 when out of memory (*buf unchanged).  The one
 * growth of this file's buffers: replies, the socket's bytes in and out. */
static int buf_reserve(uint8_t **buf, size_t *cap, size_t need, size_t min)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : min;
	while (n < need)
		n *= 2;
	uint8_t *p = realloc(*buf, n);
	if (!p)
		return -1;
	*buf = p;
	*cap = n;
	return 0;
}

static int rep_grow(struct rep *r, size_t n)
{
	if (r->oom)
		return -1;
	if (r->len + n <= r->cap)
		return 0;
	if (!r->p && rep_kept && r->len + n <= rep_kept_cap) {
		r->p = rep_kept;
		r->cap = rep_kept_cap;
		rep_kept = NULL;
		return 0;
	}
	if (buf_reserve(&r->p, &r->cap, r->len + n, 4096) != 0) {
		r->oom = 1;
		return -1;
	}
	return 0;
}

void rep_start(struct rep *r, uint16_t op, uint32_t id, MQLONG cc, MQLONG rc)
{
	memset(r, 0, sizeof *r);
	struct proto_hdr h = { .magic = PROTO_MAGIC, .len = 0, .op = op, .flags = PROTO_F_REPLY, .id = id };
	if (rep_grow(r, PROTO_HDR_SIZE + 8))
		return;
	proto_hdr_encode(r->p, &h);
	r->len = PROTO_HDR_SIZE;
	rep_i32(r, cc);
	rep_i32(r, rc);
}

uint8_t *rep_space(struct rep *r, size_t n)
{
	if (rep_grow(r, n))
		return NULL;
	uint8_t *p = r->p + r->len;
	memset(p, 0, n);
	r->len += n;
	return p;
}

void rep_bytes(struct rep *r, const void *b, size_t n)
{
	uint8_t *p = rep_space(r, n);
	if (p && n)
		memcpy(p, b, n);
}

void rep_u32(struct rep *r, uint32_t v)
{
	uint8_t *p = rep_space(r, 4);
	if (p)
		put_u32(p, v);
}

void rep_i32(struct rep *r, int32_t v)
{
	rep_u32(r, (uint32_t)v);
}

void rep_set_codes(struct rep *r, MQLONG cc, MQLONG rc)
{
	if (r->oom || r->len < PROTO_HDR_SIZE + 8)
		return;
	for (int i = 0; i < 4; i++) {
		r->p[PROTO_HDR_SIZE + i] = (uint8_t)((uint32_t)cc >> (8 * i));
		r->p[PROTO_HDR_SIZE + 4 + i] = (uint8_t)((uint32_t)rc >> (8 * i));
	}
}

void rep_finish(struct rep *r)
{
	if (r->oom)
		return;
	uint32_t body = (uint32_t)(r->len - PROTO_HDR_SIZE);
	for (int i = 0; i < 4; i++)
		r->p[4 + i] = (uint8_t)(body >> (8 * i));
}

void rep_free(struct rep *r)
{
	if (r->p && !rep_kept && r->cap <= REP_KEEP_MAX) {
		rep_kept = r->p;
		rep_kept_cap = r->cap;
	} else {
		free(r->p);
	}
	memset(r, 0, sizeof *r);
}

/* ---- request bodies ------------------------------------------------------------ */

const uint8_t *rd_ptr(struct rd *d, size_t n)
{
	if (d->bad || d->len - d->at < n) {
		d->bad = 1;
		return NULL;
	}
	const uint8_t *p = d->p + d->at;
	d->at += n;
	return p;
}

uint32_t rd_u32(struct rd *d)
{
	const uint8_t *p = rd_ptr(d, 4);
	if (!p)
		return 0;
	return get_u32(p);
}

int32_t rd_i32(struct rd *d)
{
	return (int32_t)rd_u32(d);
}

void rd_bytes(struct rd *d, void *out, size_t n)
{
	const uint8_t *p = rd_ptr(d, n);
	if (p)
		memcpy(out, p, n);
	else
		memset(out, 0, n);
}

/* ---- sockets ---------------------------------------------------------------------- */

static void set_events(struct qm *qm, struct conn *c)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP | (c->pollout ? EPOLLOUT : 0) | c->xp_want,
				  .data.ptr = c };
	epoll_ctl(qm->epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

void conn_xp_rearm(struct qm *qm, struct conn *c)
{
	if (!c->dead && c->fd >= 0)
		set_events(qm, c);
}

/* ---- transports (conn.h) -------------------------------------------------------- */

int (*conn_tls_start)(struct qm *qm, struct conn *c);

static ssize_t recv_fds(struct conn *c, uint8_t *buf, size_t room);

static ssize_t unix_recv(struct conn *c, void *buf, size_t n)
{
	return recv_fds(c, buf, n);
}

static ssize_t sock_send(struct conn *c, const void *buf, size_t n)
{
	return send(c->fd, buf, n, MSG_NOSIGNAL | MSG_DONTWAIT);
}

static ssize_t tcp_recv(struct conn *c, void *buf, size_t n)
{
	return recv(c->fd, buf, n, MSG_DONTWAIT);
}

static void sock_close(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

const struct conn_xport conn_xport_unix = { "unix", unix_recv, sock_send, sock_close, NULL };
const struct conn_xport conn_xport_tcp = { "tcp", tcp_recv, sock_send, sock_close, NULL };

void conn_uid_name(uid_t uid, char *out, size_t n)
{
	struct passwd pw, *res = NULL;
	char pwbuf[1024];
	if (getpwuid_r(uid, &pw, pwbuf, sizeof pwbuf, &res) == 0 && res)
		snprintf(out, n, "%s", pw.pw_name);
	else
		snprintf(out, n, "%u", (unsigned)uid);
}

/*
 * Refusing a connection.  When the queue manager may not take another socket
 * (qm->max_conns reached) or the process has no descriptor left (EMFILE,
 * ENFILE), the pending connection is still accepted, so that the listening
 * socket stops being readable (the loop would otherwise spin on it) and the
 * application is told at once instead of waiting in the listen backlog: it
 * gets one refusal frame (qm/proto.h: PROTO_CONN, PROTO_REFUSED_ID, 2025) and
 * the socket is closed.  With no descriptor left, the reserve descriptor (an
 * fd of /dev/null kept for this) is closed to make room and opened again
 * after.  The error log says it once per episode: an episode begins with a
 * refusal and ends when a connection is accepted with room to spare again
 * (a tenth of the connections there were at the last refusal have gone, or
 * there were none), so that churn at the limit (one application leaves, one
 * comes, the next is refused) is one episode, not a message per connection.
 */
static void refuse(struct qm *qm, int fd, const char *why)
{
	uint8_t f[PROTO_HDR_SIZE + 8];
	struct proto_hdr h = { .magic = PROTO_MAGIC, .len = 8, .op = PROTO_CONN, .flags = PROTO_F_REPLY,
			       .id = PROTO_REFUSED_ID };
	proto_hdr_encode(f, &h);
	for (int i = 0; i < 4; i++) {
		f[PROTO_HDR_SIZE + i] = (uint8_t)((uint32_t)MQCC_FAILED >> (8 * i));
		f[PROTO_HDR_SIZE + 4 + i] = (uint8_t)((uint32_t)MQRC_MAX_CONNS_LIMIT_REACHED >> (8 * i));
	}
	/* a new socket's buffer is empty: 24 bytes always fit, never blocking */
	ssize_t k = send(fd, f, sizeof f, MSG_NOSIGNAL | MSG_DONTWAIT);
	(void)k;
	close(fd);
	qm->refused_at = qm->nconns + qm->nrings;
	if (!qm->refusing) {
		char lim[32];
		snprintf(lim, sizeof lim, "%u", qm->max_conns);
		ERRLOG(&qm->el, AMQ_CONNS_REFUSED, qm->paths.name, why, lim);
		qm->refusing = 1;
	}
}

/* Give up the reserve descriptors (reserve_give) or take them back
 * (reserve_take: 0 when all are held again). */
static void reserve_give(struct qm *qm)
{
	for (int i = 0; i < QM_RESERVE_FDS; i++)
		if (qm->reserve_fd[i] >= 0) {
			close(qm->reserve_fd[i]);
			qm->reserve_fd[i] = -1;
		}
}

int conn_reserve_take(struct qm *qm)
{
	int missing = 0;
	for (int i = 0; i < QM_RESERVE_FDS; i++)
		if (qm->reserve_fd[i] < 0 && (qm->reserve_fd[i] = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0)
			missing++;
	return missing ? -1 : 0;
}

static int accept_refusing(struct qm *qm, struct listener *l, int e)
{
	int held = 0;
	for (int i = 0; i < QM_RESERVE_FDS; i++)
		held += qm->reserve_fd[i] >= 0;
	if (!held)
		return CONN_ACCEPT_STUCK;
	reserve_give(qm);
	int fd = accept4(l->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	int ae = errno;
	if (fd >= 0)
		refuse(qm, fd, e == ENFILE ? "the system has no file descriptor left"
				: "the queue manager process has no file descriptor left");
	conn_reserve_take(qm);
	if (fd < 0)
		return ae == EMFILE || ae == ENFILE ? CONN_ACCEPT_STUCK : CONN_ACCEPT_DONE;
	return CONN_ACCEPT_MORE;
}

void conn_peer_name(int fd, char *out, size_t n)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	char a[INET6_ADDRSTRLEN] = "";
	if (getpeername(fd, (struct sockaddr *)&ss, &sl) == 0) {
		if (ss.ss_family == AF_INET) {
			inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, a, sizeof a);
		} else if (ss.ss_family == AF_INET6) {
			struct in6_addr *v6 = &((struct sockaddr_in6 *)&ss)->sin6_addr;
			if (IN6_IS_ADDR_V4MAPPED(v6))   /* an IPv4 peer on a dual-stack listener: as MQ shows it */
				inet_ntop(AF_INET, &v6->s6_addr[12], a, sizeof a);
			else
				inet_ntop(AF_INET6, v6, a, sizeof a);
		}
	}
	snprintf(out, n, "%s", a);
}

int conn_accept(struct qm *qm, struct listener *l)
{
	int fd = accept4(l->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		if (errno == EMFILE || errno == ENFILE)
			return accept_refusing(qm, l, errno);
		return CONN_ACCEPT_DONE;   /* EAGAIN: none pending; ECONNABORTED and the rest: next round */
	}
	if (qm->max_conns && qm->nconns + qm->nrings >= qm->max_conns) {   /* a channel's doorbell is a descriptor too */
		refuse(qm, fd, "it has as many connections as its file descriptor limit allows");
		return CONN_ACCEPT_MORE;
	}
	if (qm->refusing && (qm->nconns + qm->nrings + qm->refused_at / 10 < qm->refused_at || !qm->refused_at))
		qm->refusing = 0;   /* room again: the episode is over */
	struct conn *c = calloc(1, sizeof *c);
	if (!c) {
		close(fd);
		return CONN_ACCEPT_MORE;
	}
	c->fd = fd;
	c->door = c->passed_fd[0] = c->passed_fd[1] = -1;
	c->handler = l->handler;
	if (l->is_unix) {
		struct ucred cr;
		socklen_t cl = sizeof cr;
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &cl) != 0) {
			free(c);
			close(fd);
			return CONN_ACCEPT_MORE;
		}
		c->xp = &conn_xport_unix;
		c->pid = cr.pid;
		c->uid = cr.uid;
		conn_uid_name(cr.uid, c->user, sizeof c->user);
	} else {
		/* a client: known by its address and, later, its channel (conn.h) */
		c->xp = &conn_xport_tcp;
		c->client = 1;
		c->sniff = 1;
		c->uid = (uid_t)-1;
		c->lsr = l;
		l->sessions++;
		conn_peer_name(fd, c->conname, sizeof c->conname);
		if (chl_auth_accept(qm, c->conname)) {   /* BLOCKADDR: closed before a byte is read */
			l->sessions--;
			free(c);
			close(fd);
			return CONN_ACCEPT_MORE;
		}
		int on = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
		setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
		c->start_ms = c->last_rx_ms = c->last_tx_ms = qm_now_ms();
	}
	c->id = ++qm->next_conn_id;
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP, .data.ptr = c };
	if (epoll_ctl(qm->epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
		close(fd);
		free(c);
		return CONN_ACCEPT_MORE;
	}
	c->next = qm->conns;
	if (qm->conns)
		qm->conns->prev = c;
	qm->conns = c;
	qm->nconns++;
	return CONN_ACCEPT_MORE;
}

static void conn_free(struct conn *c)
{
	trig_conn_free(c);   /* (none left once its unit of work ended: trigger.c) */
	free(c->rbuf);
	free(c->wbuf);
	free(c->h);
	free(c);
}

void conn_unref(struct qm *qm, struct conn *c)
{
	(void)qm;
	if (c->refs > 0)
		c->refs--;
	if (c->dead && c->refs == 0)
		conn_free(c);
}

void conn_drop(struct qm *qm, struct conn *c)
{
	if (c->dead)
		return;
	c->refs++;
	listen_conn_gone(qm, c);   /* a runmqlsr's listener ends with it */
	c->handler->gone(qm, c);
	c->dead = 1;
	ring_release(qm, c);
	epoll_ctl(qm->epfd, EPOLL_CTL_DEL, c->fd, NULL);
	c->xp->close(c);
	c->fd = -1;
	if (c->lsr && c->lsr->sessions)
		c->lsr->sessions--;
	c->lsr = NULL;
	if (qm->nconns)
		qm->nconns--;
	if (c->prev)
		c->prev->next = c->next;
	else if (qm->conns == c)
		qm->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	c->prev = c->next = NULL;
	conn_unref(qm, c);
}

static void flush_out(struct qm *qm, struct conn *c)
{
	while (c->woff < c->wlen) {
		ssize_t k = c->xp->send(c, c->wbuf + c->woff, c->wlen - c->woff);
		if (k > 0) {
			c->woff += (size_t)k;
			if (c->client) {
				c->bytes_out += (uint64_t)k;
				c->last_tx_ms = qm_now_ms();
			}
			continue;
		}
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (!c->pollout) {
				c->pollout = 1;
				set_events(qm, c);
			}
			return;
		}
		conn_fail(qm, c);   /* dropped by the loop, outside whatever sent this */
		return;
	}
	c->woff = c->wlen = 0;
	if (c->wcap > 4 * RBUF_MIN) {
		free(c->wbuf);
		c->wbuf = NULL;
		c->wcap = 0;
	}
	if (c->pollout) {
		c->pollout = 0;
		set_events(qm, c);
	}
}

/* Queue a frame; a peer with over CONN_OUT_LIMIT of older replies unsent is
 * not reading them: it is dropped instead (see the top of this file). */
void conn_send(struct qm *qm, struct conn *c, const uint8_t *frame, size_t len)
{
	if (c->dead || c->broken)
		return;
	if (c->via_ring && c->ring) {
		if (ring_reply(qm, c, frame, len) != 0)
			conn_fail(qm, c);
		return;
	}
	conn_send_socket(qm, c, frame, len);
}

int conn_send_socket(struct qm *qm, struct conn *c, const uint8_t *frame, size_t len)
{
	if (c->wlen - c->woff > CONN_OUT_LIMIT) {
		conn_fail(qm, c);
		return -1;
	}
	if (buf_reserve(&c->wbuf, &c->wcap, c->wlen + len, RBUF_MIN) != 0) {
		conn_fail(qm, c);
		return -1;
	}
	memcpy(c->wbuf + c->wlen, frame, len);
	c->wlen += len;
	flush_out(qm, c);
	return c->broken ? -1 : 0;
}

void conn_reply(struct qm *qm, struct conn *c, struct rep *r)
{
	rep_finish(r);
	if (r->oom) {
		rep_free(r);
		conn_fail(qm, c);
		return;
	}
	conn_send(qm, c, r->p, r->len);
	rep_free(r);
}

void conn_reply_codes(struct qm *qm, struct conn *c, MQLONG cc, MQLONG rc)
{
	struct rep r;
	rep_start(&r, c->req_op, c->req_id, cc, rc);
	conn_reply(qm, c, &r);
}

void conn_writable(struct qm *qm, struct conn *c)
{
	flush_out(qm, c);
	if (!c->dead && !c->broken && (c->xp_want & EPOLLOUT))
		conn_readable(qm, c);   /* a read that waited for the socket to be writable (TLS) */
}

/* Serve whole frames while the connection is idle; while a request is parked,
 * only a CBCANCEL (which a libmqm thread sends beside its MQCB dispatcher's
 * parked CBGET). ring: the frame in the buffer came through the shared-memory
 * channel (conn_take_frame), so its reply goes there; frames read from the
 * socket are answered on the socket, even when they waited behind a parked
 * request that came through the channel (whose reply still goes there). */
static void serve(struct qm *qm, struct conn *c, int ring)
{
	size_t at = 0;
	c->refs++;
	c->serving = 1;
	while (!c->dead && !c->broken && c->rlen - at >= PROTO_HDR_SIZE) {
		struct proto_hdr h;
		if (proto_hdr_decode(c->rbuf + at, &h) != 0 ||
		    ((h.flags & PROTO_F_REPLY) && !(c->client && h.op == PROTO_HEARTBEAT))) {
			conn_fail(qm, c);
			break;
		}
		if (c->rlen - at < PROTO_HDR_SIZE + (size_t)h.len)
			break;
		if (h.flags & PROTO_F_REPLY) {
			/* a client's answer to our heartbeat: served even while its
			 * request is parked (server/channel.c) */
			at += PROTO_HDR_SIZE + (size_t)h.len;
			chl_heartbeat_reply(qm, c, &h);
			continue;
		}
		if (c->busy) {
			if (h.op != PROTO_CBCANCEL || ring)
				break;
			const uint8_t *cbody = c->rbuf + at + PROTO_HDR_SIZE;
			at += PROTO_HDR_SIZE + (size_t)h.len;
			if (c->handler->cancel)
				c->handler->cancel(qm, c, cbody, h.len);
			continue;
		}
		const uint8_t *body = c->rbuf + at + PROTO_HDR_SIZE;
		at += PROTO_HDR_SIZE + (size_t)h.len;
		c->busy = 1;
		c->req_id = h.id;
		c->req_op = h.op;
		c->via_ring = ring;
		c->handler->frame(qm, c, &h, body, h.len);
	}
	if (!c->dead && !c->broken && at) {
		memmove(c->rbuf, c->rbuf + at, c->rlen - at);
		c->rlen -= at;
	}
	c->serving = 0;
	conn_unref(qm, c);
}

void conn_take_frame(struct qm *qm, struct conn *c, const uint8_t *hdr, const uint8_t *body, size_t len)
{
	size_t n = PROTO_HDR_SIZE + len;
	c->rlen = 0;
	if (buf_reserve(&c->rbuf, &c->rcap, n, RBUF_MIN) != 0) {
		conn_fail(qm, c);
		return;
	}
	memcpy(c->rbuf, hdr, PROTO_HDR_SIZE);
	memcpy(c->rbuf + PROTO_HDR_SIZE, body, len);
	c->rlen = n;
	serve(qm, c, 1);
}

void conn_done(struct qm *qm, struct conn *c)
{
	c->busy = 0;
	if (!c->serving && !c->dead && !c->broken && c->rlen >= PROTO_HDR_SIZE)
		serve(qm, c, 0);
}

void conn_fail(struct qm *qm, struct conn *c)
{
	if (!c->dead && !c->broken) {
		c->broken = 1;
		qm->nbroken++;
	}
}

void conn_reap(struct qm *qm)
{
	while (qm->nbroken) {
		qm->nbroken = 0;
		struct conn *c = qm->conns;
		while (c) {
			if (c->broken) {
				conn_drop(qm, c);   /* may free c, and changes the list */
				c = qm->conns;
				continue;
			}
			c = c->next;
		}
	}
}

/* recv, keeping the descriptors that come with the bytes (SCM_RIGHTS: only
 * ATTACH has any) in c->passed_fd; any others are closed. */
static ssize_t recv_fds(struct conn *c, uint8_t *buf, size_t room)
{
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(4 * sizeof(int))];
	} ctl;
	struct iovec v = { buf, room };
	struct msghdr m = { .msg_iov = &v, .msg_iovlen = 1, .msg_control = ctl.b, .msg_controllen = sizeof ctl.b };
	ssize_t k = recvmsg(c->fd, &m, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
	if (k < 0)
		return k;
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(&m); cm; cm = CMSG_NXTHDR(&m, cm)) {
		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
			continue;
		size_t n = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (size_t i = 0; i < n; i++) {
			int fd;
			memcpy(&fd, CMSG_DATA(cm) + i * sizeof(int), sizeof fd);
			if (i < 2 && n == 2) {
				if (c->passed_fd[i] >= 0)
					close(c->passed_fd[i]);
				c->passed_fd[i] = fd;
			} else {
				close(fd);
			}
		}
	}
	return k;
}

void conn_readable(struct qm *qm, struct conn *c)
{
	if ((c->xp_want & EPOLLIN) && c->woff < c->wlen && !c->dead && !c->broken)
		flush_out(qm, c);   /* a send that waited for the socket to be readable (TLS) */
	for (;;) {
		if (c->dead)
			return;
		if (c->broken) {
			conn_drop(qm, c);
			return;
		}
		size_t want = RBUF_MIN;
		if (c->rlen >= PROTO_HDR_SIZE) {
			struct proto_hdr h;
			if (proto_hdr_decode(c->rbuf, &h) == 0 && PROTO_HDR_SIZE + (size_t)h.len > c->rlen)
				want = PROTO_HDR_SIZE + (size_t)h.len - c->rlen;
		}
		/* room grows with the bytes that came, not with the length a header
		 * claims: 16 bytes saying "110 MiB follow" get 64 KiB, not 110 MiB */
		if (want > RBUF_MIN && want > c->rlen)
			want = c->rlen > RBUF_MIN ? c->rlen : RBUF_MIN;
		if (c->busy && c->rlen > CONN_PARKED_IN_LIMIT) {
			conn_drop(qm, c);   /* sends while its request is parked: not libmqm */
			return;
		}
		if (buf_reserve(&c->rbuf, &c->rcap, c->rlen + want, RBUF_MIN) != 0) {
			conn_drop(qm, c);
			return;
		}
		if (c->sniff && c->rlen == 0) {
			/* a client's first byte: 0x16 is a TLS ClientHello, left in the
			 * socket for the TLS transport */
			uint8_t b;
			ssize_t pk = recv(c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
			if (pk == 1 && b == 0x16) {
				c->sniff = 0;
				if (!conn_tls_start || conn_tls_start(qm, c) != 0) {
					if (!conn_tls_start)
						chl_bad_peer(qm, c, "a TLS handshake, and this queue manager serves no TLS", NULL, 0);
					conn_drop(qm, c);
					return;
				}
				c->tls = 1;
				continue;
			}
		}
		size_t room = c->rcap - c->rlen;
		if (c->sniff && room > 4 - c->rlen)
			room = 4 - c->rlen;   /* the first bytes alone, while they decide the transport */
		ssize_t k = c->xp->recv(c, c->rbuf + c->rlen, room);
		if (k > 0) {
			c->rlen += (size_t)k;
			if (c->client) {
				c->bytes_in += (uint64_t)k;
				c->last_rx_ms = qm_now_ms();
			}
			if (c->sniff) {
				int r = chl_sniff(qm, c);
				if (r < 0) {
					conn_drop(qm, c);
					return;
				}
				if (r == 0)
					continue;   /* fewer bytes than decide it: read on */
			}
			serve(qm, c, 0);   /* what comes on the socket is answered there */
			if ((size_t)k < room && !(c->xp->pending && !c->dead && c->xp->pending(c)))
				return;   /* drained: epoll (level-triggered) says when there is more */
			continue;
		}
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		conn_drop(qm, c);   /* 0: the peer closed; < 0: an error */
		return;
	}
}
