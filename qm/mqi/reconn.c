/*
 * reconn.c: automatic client reconnection (MQCNO_RECONNECT,
 * MQCNO_RECONNECT_Q_MGR, or the channel's DefReconnect).
 *
 * A reconnectable connection (c->rcn) keeps what it needs to be made again:
 * the channels it may use (the plan of client.c), its CONN request (with the
 * MQCSP password: wiped when the connection is freed), and every object it
 * has open and every subscription it has made, each with the request that
 * made it.  The handles the application holds are libmqm's own (from
 * RCN_VIRT_BASE up), mapped to the queue manager's: every request that
 * carries a handle (PUT, GET, CLOSE, INQ, SET, SUB's queue, SUBRQ's
 * subscription, CBGET's entries) has it translated on the way out, and OPEN's
 * and SUB's replies on the way back, all here, in mqm_rcn_call, so the verbs
 * never know.
 *
 * When the connection breaks under a call (a failed send or receive, the
 * queue manager gone, heartbeats unanswered), the call's thread reconnects,
 * holding the connection's call lock (so other threads' calls on it wait):
 *   1. the event handler (MQCB MQCBT_EVENT_HANDLER, if one is registered;
 *      called on this thread: it must not use the MQI on this connection)
 *      gets MQCC_WARNING, 2544 MQRC_RECONNECTING;
 *   2. after a delay (1, 2, 4, 8, 16 s, then 25 s each time: MQ's back-off;
 *      QUIRE_RECONNECT_DELAY_MS sets the first, for tests) the plan's channels
 *      and addresses are tried as MQCONN tries them, then CONN is sent again;
 *      with RECONNECT_Q_MGR only the queue manager of the same name is taken;
 *   3. every object is opened again with its MQOD, options, topic string and
 *      selection string; every subscription made again (a durable one
 *      resumed with MQSO_RESUME, a non-durable one created, a managed one's
 *      queue handle mapped anew).  One that fails: the reconnection fails;
 *   4. a unit of work that was in flight (a put or get under syncpoint since
 *      the last MQCMIT or MQBACK) was backed out by the queue manager: the
 *      next MQCMIT gets MQCC_FAILED, 2003 MQRC_BACKED_OUT (MQBACK: MQCC_OK);
 *   5. the event handler gets MQCC_WARNING, 2545 MQRC_RECONNECTED, and the
 *      interrupted call is sent again, except MQPUT, MQPUT1 and MQCMIT, whose
 *      outcome cannot be known: they get MQCC_FAILED, 2549
 *      MQRC_CALL_INTERRUPTED, as MQ gives it.
 * No success within the reconnect timeout (1800 s, MQ's MQReconnectTimeout;
 * QUIRE_RECONNECT_TIMEOUT seconds in the environment, as mqclient.ini is
 * not read): the event handler gets MQCC_FAILED, 2548 MQRC_RECONNECT_FAILED,
 * and so does every later call on the handle (MQDISC releases it).
 * A connection broken while no call runs (the idle watcher found it closed)
 * is reconnected by its next call.
 */
#include "qm/mqi/mqm_int.h"
#include "qm/mqi/ccdt.h"

#include <cmqxc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RCN_VIRT_BASE 0x10000001u

struct rcn_obj {
	uint32_t virt, srv;
	int kind;                   /* OBJ_OPEN, OBJ_SUB, OBJ_MANAGED (a subscription's queue) */
	uint32_t owner;             /* OBJ_MANAGED: its subscription's virt */
	uint8_t *req;               /* OPEN's or SUB's request body, handles virtual */
	size_t len;
};
enum { OBJ_OPEN, OBJ_SUB, OBJ_MANAGED };

struct mqm_rcn {
	struct mqm_plan plan;
	uint8_t *conn_req;
	size_t conn_len;
	int qmgr_only;
	char qmgr[MQ_Q_MGR_NAME_LENGTH + 1];
	struct rcn_obj *obj;
	size_t nobj, cap;
	uint32_t next_virt;
	int in_uow, backed_out, failed;
};

/* ------------------------------------------------------------------------ */
/* Bytes of a request spread over iovecs                                    */

static size_t iov_len(const struct iovec *iov, int n)
{
	size_t t = 0;
	for (int i = 0; i < n; i++)
		t += iov[i].iov_len;
	return t;
}

static void iov_rw(const struct iovec *iov, int n, size_t off, uint8_t *buf, size_t len, int write)
{
	for (int i = 0; i < n && len; i++) {
		if (off >= iov[i].iov_len) {
			off -= iov[i].iov_len;
			continue;
		}
		size_t k = iov[i].iov_len - off < len ? iov[i].iov_len - off : len;
		uint8_t *p = (uint8_t *)iov[i].iov_base + off;
		if (write)
			memcpy(p, buf, k);
		else
			memcpy(buf, p, k);
		buf += k;
		len -= k;
		off = 0;
	}
}

static uint32_t iov_u32(const struct iovec *iov, int n, size_t off)
{
	uint8_t b[4];
	iov_rw(iov, n, off, b, 4, 0);
	return get_u32(b);
}

static void iov_put_u32(const struct iovec *iov, int n, size_t off, uint32_t v)
{
	uint8_t b[4];
	put_u32(b, v);
	iov_rw(iov, n, off, b, 4, 1);
}

/* The offsets of the handles a request carries (qm/proto.h), at most max. */
#define CBGET_HEAD 20u
#define CBGET_ENTRY (4u + sizeof(MQMD) + sizeof(MQGMO) + 4u)
static int handle_offsets(uint16_t op, const struct iovec *iov, int n, size_t *off, int max)
{
	switch (op) {
	case PROTO_PUT: case PROTO_GET: case PROTO_CLOSE: case PROTO_INQ: case PROTO_SET: case PROTO_SUBRQ:
		off[0] = 0;
		return 1;
	case PROTO_SUB:
		off[0] = sizeof(MQSD);
		return 1;
	case PROTO_CBGET: {
		uint32_t k = iov_u32(iov, n, 16);
		int m = 0;
		for (uint32_t i = 0; i < k && m < max; i++)
			off[m++] = CBGET_HEAD + i * CBGET_ENTRY;
		return m;
	}
	default:
		return 0;
	}
}

/* ------------------------------------------------------------------------ */
/* The table of handles                                                     */

static struct rcn_obj *find(struct mqm_rcn *r, uint32_t virt)
{
	for (size_t i = 0; i < r->nobj; i++)
		if (r->obj[i].virt == virt)
			return &r->obj[i];
	return NULL;
}

static struct rcn_obj *add(struct mqm_rcn *r, int kind, uint32_t srv, const struct iovec *iov, int n)
{
	if (r->nobj == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 16;
		struct rcn_obj *t = realloc(r->obj, nc * sizeof *t);
		if (!t)
			return NULL;
		r->obj = t;
		r->cap = nc;
	}
	struct rcn_obj *o = &r->obj[r->nobj];
	memset(o, 0, sizeof *o);
	if (iov) {
		o->len = iov_len(iov, n);
		if (!(o->req = malloc(o->len ? o->len : 1)))
			return NULL;
		iov_rw(iov, n, 0, o->req, o->len, 0);
	}
	o->kind = kind;
	o->srv = srv;
	o->virt = r->next_virt++;
	r->nobj++;
	return o;
}

static void drop(struct mqm_rcn *r, struct rcn_obj *o)
{
	free(o->req);
	size_t i = (size_t)(o - r->obj);
	memmove(o, o + 1, (r->nobj - i - 1) * sizeof *o);
	r->nobj--;
}

/* virt -> the queue manager's handle (an unknown one passes as it is: the
 * queue manager answers 2019 for it). */
static uint32_t to_srv(struct mqm_rcn *r, uint32_t virt)
{
	struct rcn_obj *o = find(r, virt);
	return o ? o->srv : virt;
}

static uint32_t to_virt(struct mqm_rcn *r, uint32_t srv)
{
	for (size_t i = 0; i < r->nobj; i++)
		if (r->obj[i].srv == srv && r->obj[i].kind != OBJ_SUB)
			return r->obj[i].virt;
	return srv;
}

/* ------------------------------------------------------------------------ */
/* Set-up and end                                                           */

MQLONG mqm_rcn_setup(struct mqm_conn *c, struct mqm_plan *pl, const uint8_t *conn_req, size_t len,
		     int qmgr_only)
{
	struct mqm_rcn *r = calloc(1, sizeof *r);
	if (!r || !(r->conn_req = malloc(len))) {
		free(r);
		return MQRC_STORAGE_NOT_AVAILABLE;
	}
	memcpy(r->conn_req, conn_req, len);
	r->conn_len = len;
	r->plan = *pl;
	pl->cds = NULL;
	pl->n = 0;
	r->qmgr_only = qmgr_only;
	memcpy(r->qmgr, c->qmgr, sizeof r->qmgr);
	r->next_virt = RCN_VIRT_BASE;
	c->rcn = r;
	return MQRC_NONE;
}

void mqm_rcn_free(struct mqm_conn *c)
{
	struct mqm_rcn *r = c->rcn;
	if (!r)
		return;
	explicit_bzero(r->conn_req, r->conn_len);
	free(r->conn_req);
	for (size_t i = 0; i < r->nobj; i++)
		free(r->obj[i].req);
	free(r->obj);
	mqm_plan_free(&r->plan);
	free(r);
	c->rcn = NULL;
}

int mqm_rcn_live(const struct mqm_conn *c)
{
	return c->rcn && !c->rcn->failed;
}

/* ------------------------------------------------------------------------ */
/* Reconnecting                                                             */

static long env_num(const char *name, long dflt, long lo, long hi)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return dflt;
	char *e;
	long n = strtol(v, &e, 10);
	return *e || n < lo || n > hi ? dflt : n;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Open again every object and make every subscription again, in the order
 * they were made.  0, or -1 when one fails. */
static int replay(struct mqm_conn *c, struct mqm_rcn *r)
{
	for (size_t i = 0; i < r->nobj; i++) {
		struct rcn_obj *o = &r->obj[i];
		if (o->kind == OBJ_MANAGED)
			continue;       /* its subscription makes it again */
		uint8_t *req = malloc(o->len ? o->len : 1), rep[8 + 4 + 4 + sizeof(MQSD) + 64];
		if (!req)
			return -1;
		memcpy(req, o->req, o->len);
		struct iovec v = { req, o->len };
		uint16_t op = o->kind == OBJ_OPEN ? PROTO_OPEN : PROTO_SUB;
		if (op == PROTO_SUB) {
			MQSD sd;
			memcpy(&sd, req, sizeof sd);
			if (sd.Options & MQSO_DURABLE) {
				/* the queue manager kept it: take it up again */
				sd.Options = (sd.Options & ~(MQSO_CREATE | MQSO_ALTER)) | MQSO_RESUME;
				memcpy(req, &sd, sizeof sd);
			}
			put_u32(req + sizeof(MQSD), to_srv(r, get_u32(req + sizeof(MQSD))));
		}
		struct mqm_rx rx = { rep, sizeof rep, NULL, 0, 0, 0 };
		MQLONG cc, rc;
		MQLONG t = mqm_call_raw(c, op, &v, 1, &rx, &cc, &rc);
		free(req);
		if (t || cc == MQCC_FAILED || rx.len < 12 + (op == PROTO_SUB ? 4u : 0u))
			return -1;
		if (op == PROTO_OPEN) {
			o->srv = get_u32(rep + 8);
			continue;
		}
		o->srv = get_u32(rep + 12);         /* the subscription */
		for (size_t k = 0; k < r->nobj; k++)
			if (r->obj[k].kind == OBJ_MANAGED && r->obj[k].owner == o->virt)
				r->obj[k].srv = get_u32(rep + 8);
	}
	return 0;
}

/* One attempt: a channel, CONN again, the objects again.  0 or -1. */
static int attempt(struct mqm_conn *c, struct mqm_rcn *r)
{
	uint8_t rep[8 + MQ_Q_MGR_NAME_LENGTH + 12];
	char name[MQ_Q_MGR_NAME_LENGTH + 1];
	MQLONG cc, rc;
	if (mqm_client_dial(c, &r->plan) != MQRC_NONE)
		return -1;
	__atomic_store_n(&c->broken_rc, 0, __ATOMIC_RELEASE);
	c->stopping = 0;
	struct iovec v = { r->conn_req, r->conn_len };
	struct mqm_rx rx = { rep, sizeof rep, NULL, 0, 0, 0 };
	mqm_handshake_timeout(c->fd, 1);
	if (r->qmgr_only && strcmp(c->qmgr, r->qmgr) != 0)
		goto fail;
	/* CONN names the queue manager this channel reached */
	mqm_name_put((char *)r->conn_req, MQ_Q_MGR_NAME_LENGTH, c->qmgr);
	if (mqm_call_raw(c, PROTO_CONN, &v, 1, &rx, &cc, &rc) || cc == MQCC_FAILED || rx.len != sizeof rep)
		goto fail;
	mqm_handshake_timeout(c->fd, 0);
	mqm_name_get((const char *)rep + 8, MQ_Q_MGR_NAME_LENGTH, name);
	if (r->qmgr_only && strcmp(name, r->qmgr) != 0)
		goto fail;
	snprintf(c->qmgr, sizeof c->qmgr, "%s", name);
	c->conn_id = get_u32(rep + 8 + MQ_Q_MGR_NAME_LENGTH + 4);
	c->conn_stamp = get_u32(rep + 8 + MQ_Q_MGR_NAME_LENGTH + 8);
	if (replay(c, r) != 0)
		goto fail;
	return 0;
fail:
	mqm_conn_close(c, MQRC_CONNECTION_BROKEN);
	return -1;
}

static MQLONG reconnect(struct mqm_conn *c, struct mqm_rcn *r)
{
	long first = env_num("QUIRE_RECONNECT_DELAY_MS", 1000, 1, 25000);
	double deadline = now_s() + (double)env_num("QUIRE_RECONNECT_TIMEOUT", 1800, 0, 86400 * 365);
	long delay = first;
	mqm_conn_close(c, MQRC_CONNECTION_BROKEN);
	mqm_async_conn_event(c, MQCC_WARNING, MQRC_RECONNECTING);
	for (;;) {
		double left = deadline - now_s();
		if (left <= 0)
			break;
		long ms = (double)delay / 1000.0 < left ? delay : (long)(left * 1000.0);
		struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
		while (nanosleep(&ts, &ts) != 0)
			;
		if (attempt(c, r) == 0) {
			if (r->in_uow) {
				r->in_uow = 0;
				r->backed_out = 1;
			}
			mqm_async_conn_event(c, MQCC_WARNING, MQRC_RECONNECTED);
			return MQRC_NONE;
		}
		delay = delay * 2 > 25000 ? 25000 : delay * 2;
		if (delay < first)
			delay = first;
	}
	r->failed = 1;
	mqm_conn_close(c, MQRC_RECONNECT_FAILED);
	mqm_async_conn_event(c, MQCC_FAILED, MQRC_RECONNECT_FAILED);
	return MQRC_RECONNECT_FAILED;
}

/* ------------------------------------------------------------------------ */
/* One call                                                                 */

/* Under syncpoint? (PUT, PUT1, GET, CBGET: their options in the request) */
static int syncpoint(uint16_t op, const struct iovec *iov, int n)
{
	MQLONG o;
	switch (op) {
	case PROTO_PUT:
		o = (MQLONG)iov_u32(iov, n, 4 + sizeof(MQMD) + offsetof(MQPMO, Options));
		return (o & MQPMO_SYNCPOINT) != 0;
	case PROTO_PUT1:
		o = (MQLONG)iov_u32(iov, n, sizeof(MQOD) + sizeof(MQMD) + offsetof(MQPMO, Options));
		return (o & MQPMO_SYNCPOINT) != 0;
	case PROTO_GET:
		o = (MQLONG)iov_u32(iov, n, 4 + sizeof(MQMD) + offsetof(MQGMO, Options));
		return (o & (MQGMO_SYNCPOINT | MQGMO_SYNCPOINT_IF_PERSISTENT)) != 0;
	case PROTO_CBGET: {
		uint32_t k = iov_u32(iov, n, 16);
		for (uint32_t i = 0; i < k && i < 256; i++) {
			o = (MQLONG)iov_u32(iov, n, CBGET_HEAD + i * CBGET_ENTRY + 4 + sizeof(MQMD) +
					    offsetof(MQGMO, Options));
			if (o & (MQGMO_SYNCPOINT | MQGMO_SYNCPOINT_IF_PERSISTENT))
				return 1;
		}
		return 0;
	}
	default:
		return 0;
	}
}

MQLONG mqm_rcn_call(struct mqm_conn *c, uint16_t op, const struct iovec *iov, int niov, struct mqm_rx *rx,
		    MQLONG *cc, MQLONG *rc)
{
	struct mqm_rcn *r = c->rcn;
	size_t off[256];
	uint32_t virt[256];
	*cc = MQCC_FAILED;
	*rc = MQRC_UNEXPECTED_ERROR;
	if (r->failed)
		return MQRC_RECONNECT_FAILED;
	if (op == PROTO_CMIT && r->backed_out) {
		r->backed_out = 0;          /* the unit of work went with the old connection */
		*rc = MQRC_BACKED_OUT;
		rx->len = 8;
		return MQRC_NONE;
	}
	if (op == PROTO_BACK)
		r->backed_out = 0;
	int nh = handle_offsets(op, iov, niov, off, 256);
	for (int i = 0; i < nh; i++)
		virt[i] = iov_u32(iov, niov, off[i]);
	/* the request as the application made it (handles virtual), for OPEN and SUB's table */
	uint8_t *copy = NULL;
	size_t clen = 0;
	if (op == PROTO_OPEN || op == PROTO_SUB) {
		clen = iov_len(iov, niov);
		if (!(copy = malloc(clen ? clen : 1)))
			return MQRC_STORAGE_NOT_AVAILABLE;
		iov_rw(iov, niov, 0, copy, clen, 0);
	}
	MQLONG t;
	for (;;) {
		for (int i = 0; i < nh; i++)
			iov_put_u32(iov, niov, off[i], to_srv(r, virt[i]));
		t = c->fd >= 0 ? mqm_call_raw(c, op, iov, niov, rx, cc, rc) : MQRC_CONNECTION_BROKEN;
		if (t == MQRC_NONE || op == PROTO_DISC)
			break;
		if ((t = reconnect(c, r)) != MQRC_NONE)
			break;
		if (op == PROTO_PUT || op == PROTO_PUT1 || op == PROTO_CMIT) {
			*cc = MQCC_FAILED;  /* it may or may not have been done */
			*rc = MQRC_CALL_INTERRUPTED;
			rx->len = 8;
			break;
		}
	}
	for (int i = 0; i < nh; i++)
		iov_put_u32(iov, niov, off[i], virt[i]);   /* the caller's bytes as they were */
	if (t != MQRC_NONE || *cc == MQCC_FAILED) {
		free(copy);
		return t;
	}
	/* bookkeeping of a call that did not fail */
	if (syncpoint(op, iov, niov))
		r->in_uow = 1;
	if (op == PROTO_CMIT || op == PROTO_BACK)
		r->in_uow = 0;
	if (op == PROTO_OPEN && rx->len >= 12) {
		struct rcn_obj *o = add(r, OBJ_OPEN, get_u32(rx->fixed + 8), NULL, 0);
		if (o) {
			o->req = copy;
			o->len = clen;
			copy = NULL;
			put_u32(rx->fixed + 8, o->virt);
		}
	} else if (op == PROTO_SUB && rx->len >= 16) {
		uint32_t qsrv = get_u32(rx->fixed + 8), given = get_u32(copy + sizeof(MQSD));
		struct rcn_obj *s = add(r, OBJ_SUB, get_u32(rx->fixed + 12), NULL, 0);
		if (s) {
			s->req = copy;
			s->len = clen;
			copy = NULL;
			put_u32(rx->fixed + 12, s->virt);
			uint32_t sv = s->virt;
			if (find(r, given) && to_srv(r, given) == qsrv) {
				put_u32(rx->fixed + 8, given);          /* the application's own queue */
			} else {
				struct rcn_obj *m = add(r, OBJ_MANAGED, qsrv, NULL, 0);
				if (m) {
					m->owner = sv;
					put_u32(rx->fixed + 8, m->virt);
				} else {
					put_u32(rx->fixed + 8, to_virt(r, qsrv));
				}
			}
		}
	} else if (op == PROTO_CLOSE && nh == 1) {
		struct rcn_obj *o = find(r, virt[0]);
		if (o)
			drop(r, o);
	}
	free(copy);
	return MQRC_NONE;
}
