/*
 * async.c: MQCB and MQCTL, asynchronous consumption.
 *
 * A connection's callbacks (message consumers, one per object handle, and
 * one event handler) are kept here, in libmqm.  Once the connection is
 * started, a dispatcher (a thread of libmqm for MQOP_START, the caller's own
 * thread for MQOP_START_WAIT) asks the queue manager in one CBGET request
 * (qm/proto.h) for the first message of any active consumer's handle, waiting
 * on all their queues at once, and calls the consumer with it; a busy queue
 * does not starve the others (the request is tried from the consumer after
 * the last one served).  The queue manager holds no callback state: a
 * dispatcher that is gone leaves nothing behind but its parked request.
 *
 * States (MQ's, reason 2534 for a move MQ refuses):
 *     STOPPED --START/START_WAIT--> STARTED --SUSPEND--> SUSPENDED
 *     STARTED/SUSPENDED --STOP--> STOPPED;  SUSPENDED --RESUME--> STARTED
 * While started only the callbacks may use the connection (every other
 * thread's verbs get 2500, mqm_async_gate), except MQCTL STOP and SUSPEND and
 * MQDISC.  STOP and SUSPEND from another thread take the connection back: the
 * dispatcher's CBGET is ended by a CBCANCEL on the socket, sent once for that
 * CBGET's gen (the queue manager remembers it, so a CBCANCEL that overtakes
 * its CBGET still ends it), and the call returns once no callback runs.
 * From inside a callback they take effect when it returns.
 *
 * Calls (MQCBC CallType), as MQ documents them:
 *   REGISTER_CALL    on the registering thread, before MQCB returns
 *   START_CALL       on the dispatcher, before its first message, at each start
 *   MSG_REMOVED      a message got (MSG_NOT_REMOVED: browsed, or left on the
 *                    queue with 2080 because it was longer than MaxMsgLength)
 *   EVENT_CALL       a consumer: 2033 when no message came for it within its
 *                    MQGMO WaitInterval (again each interval; with NO_WAIT once
 *                    each time it finds nothing, none with MQWI_UNLIMITED), or
 *                    its get failed (2016 get inhibited: suspended for the time
 *                    being (MQCS_SUSPENDED_TEMPORARY) and tried again every
 *                    second; anything else: suspended until MQCB RESUME or
 *                    REGISTER (MQCS_SUSPENDED_USER_ACTION)).  The event handler:
 *                    the connection's events (2161 quiescing, 2162 stopping,
 *                    2009 broken), which also reach a consumer registered with
 *                    MQCBDO_EVENT_CALL; after 2162 or 2009 the connection stops
 *   STOP_CALL        on the dispatcher as it stops (Reason: why)
 *   DEREGISTER_CALL  MQCB DEREGISTER, MQCLOSE (Hobj MQHO_UNUSABLE_HOBJ), MQDISC;
 *                    from inside a callback, once it returns
 * Events reach the event handler while the connection is started (no thread
 * watches a stopped connection).
 *
 * Buffers: a consumer with MaxMsgLength MQCBD_FULL_MSG_LENGTH is given whole
 * messages: the dispatcher's buffer starts at 64 KiB and grows to the length a
 * 2080 reported, the message staying on the queue meanwhile (ACCEPT_TRUNCATED
 * is not passed on for such a consumer).  A message whose conversion grows
 * past the buffer comes unconverted with 2120, as MQGET gives it.
 */
#include "qm/mqi/mqm_int.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ST_STOPPED = 0, ST_STARTED = 1, ST_SUSPENDED = 2 };

#define CB_FULL_START   (64u * 1024u)
#define CB_NAME_LEN     128        /* MQCBD CallbackName */
#define CB_RETRY_MS     1000       /* a consumer suspended for the time being (2016) */
#define CB_MAX          256        /* consumers a connection (the CBGET limit, qm/proto.h) */

/* One registered callback. */
struct mqm_cb {
	int used;
	MQHOBJ hobj;                /* a consumer's handle; 0 for the event handler */
	MQCBD cbd;                  /* as registered; CallbackArea kept as the function leaves it */
	MQCB_FUNCTION *fn;
	MQLONG mdv;                 /* the MQMD Version the consumer gave */
	MQMD md;                    /* full size */
	MQGMO gmo;
	int suspended;              /* MQCB MQOP_SUSPEND */
	MQLONG state;               /* MQCS_NONE, or MQCS_SUSPENDED_TEMPORARY / _USER_ACTION */
	int64_t retry_ms;           /* SUSPENDED_TEMPORARY: when to try again */
	int started;                /* START_CALL made since the connection started */
	int64_t idle_due;           /* WaitInterval: when its next 2033 is due (0: none) */
	int nomsg_told;             /* NO_WAIT: its 2033 given since its last message */
};

/* A deregistration to report once the running callback returns. */
struct mqm_dereg {
	struct mqm_cb cb;
	MQHOBJ hobj;
	struct mqm_dereg *next;
};

struct mqm_async {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int state;
	int running;                /* a dispatcher runs (thread, or START_WAIT) */
	int waiting;                /* ... on the caller's thread (START_WAIT) */
	pthread_t disp;
	int in_get;                 /* its CBGET is out */
	uint32_t gen;               /* ... the gen of the last CBGET (qm/proto.h) */
	uint32_t cancel_gen;        /* the gen a CBCANCEL was sent for */
	int req_stop, req_suspend;
	MQLONG stop_reason;
	MQPTR conn_area;            /* MQCTLO ConnectionArea, shared by the callbacks */
	struct mqm_cb *cb;          /* consumers: ncb slots, free ones unused */
	int ncb;
	struct mqm_cb evh;          /* the event handler */
	struct mqm_dereg *dereg;    /* pending DEREGISTER_CALLs */
	unsigned rr;                /* round robin: the entry to try first */
	uint8_t *buf;               /* message buffer */
	size_t bufcap;
	size_t full_cap;            /* what MaxMsgLength FULL consumers ask for */
};

/* The connection whose callback this thread is running (NULL: none). */
static __thread struct mqm_conn *cb_conn;

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static struct mqm_async *async_of(struct mqm_conn *c)
{
	struct mqm_async *a = __atomic_load_n(&c->async, __ATOMIC_ACQUIRE);
	if (a)
		return a;
	a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	pthread_mutex_init(&a->mu, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&a->cv, &ca);
	pthread_condattr_destroy(&ca);
	a->full_cap = CB_FULL_START;
	struct mqm_async *none = NULL;
	if (!__atomic_compare_exchange_n(&c->async, &none, a, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		pthread_cond_destroy(&a->cv);
		pthread_mutex_destroy(&a->mu);
		free(a);
		return none;
	}
	return a;
}

void mqm_async_free(struct mqm_conn *c)
{
	struct mqm_async *a = c->async;
	if (!a)
		return;
	while (a->dereg) {
		struct mqm_dereg *d = a->dereg;
		a->dereg = d->next;
		free(d);
	}
	free(a->buf);
	free(a->cb);
	pthread_cond_destroy(&a->cv);
	pthread_mutex_destroy(&a->mu);
	free(a);
	c->async = NULL;
}

MQLONG mqm_async_gate(struct mqm_conn *c)
{
	struct mqm_async *a = __atomic_load_n(&c->async, __ATOMIC_ACQUIRE);
	if (!a || cb_conn == c || __atomic_load_n(&a->state, __ATOMIC_ACQUIRE) != ST_STARTED)
		return MQRC_NONE;
	return MQRC_HCONN_ASYNC_ACTIVE;
}

/* ------------------------------------------------------------------------ */
/* Calling a callback                                                       */

static struct mqm_cb *consumer_of(struct mqm_async *a, MQHOBJ hobj);

/* Call cb (a->mu held; released during the call).  md, gmo, buf for a
 * message; the area fields come back from the function. */
static void call_cb(struct mqm_conn *c, struct mqm_async *a, struct mqm_cb *cb, MQLONG type, MQHOBJ hobj,
		    MQLONG cc, MQLONG rc, MQLONG state, MQMD *md, MQGMO *gmo, void *buf, MQLONG datalen,
		    MQLONG buflen)
{
	MQCBC x;
	memset(&x, 0, sizeof x);
	memcpy(x.StrucId, MQCBC_STRUC_ID, 4);
	x.Version = MQCBC_VERSION_2;
	x.CallType = type;
	x.Hobj = hobj;
	x.CallbackArea = cb->cbd.CallbackArea;
	x.ConnectionArea = a->conn_area;
	x.CompCode = cc;
	x.Reason = rc;
	x.State = state;
	x.DataLength = datalen;
	x.BufferLength = buflen;
	x.Flags = MQCBCF_NONE;
	x.ReconnectDelay = 0;
	MQCB_FUNCTION *fn = cb->fn;
	MQHOBJ who = cb->hobj;
	int evh = cb == &a->evh;
	int kept = evh || (a->cb && cb >= a->cb && cb < a->cb + a->ncb);   /* not a deregistered copy */
	pthread_mutex_unlock(&a->mu);
	struct mqm_conn *outer = cb_conn;
	cb_conn = c;
	fn(c->hconn, md, gmo, buf, &x);
	cb_conn = outer;
	pthread_mutex_lock(&a->mu);
	a->conn_area = x.ConnectionArea;
	/* keep the area the function left in its registration, found again:
	 * the function may have registered others (the table moved) or itself
	 * again */
	struct mqm_cb *now = !kept ? NULL : evh ? &a->evh : consumer_of(a, who);
	if (now && now->used && now->fn == fn)
		now->cbd.CallbackArea = x.CallbackArea;
}

/* The DEREGISTER_CALLs waiting for the running callback to return. */
static void flush_dereg(struct mqm_conn *c, struct mqm_async *a)
{
	while (a->dereg) {
		struct mqm_dereg *d = a->dereg;
		a->dereg = d->next;
		call_cb(c, a, &d->cb, MQCBCT_DEREGISTER_CALL, d->hobj, MQCC_OK, MQRC_NONE, MQCS_NONE, NULL, NULL, NULL, 0,
			0);
		free(d);
	}
}

/* Take cb out (a->mu held): its DEREGISTER_CALL now, or after the running
 * callback when called from one. */
static void deregister(struct mqm_conn *c, struct mqm_async *a, struct mqm_cb *cb, MQHOBJ report_hobj)
{
	struct mqm_cb copy = *cb;
	memset(cb, 0, sizeof *cb);
	if (!(copy.cbd.Options & MQCBDO_DEREGISTER_CALL))
		return;
	if (cb_conn == c) {
		struct mqm_dereg *d = calloc(1, sizeof *d);
		if (d) {
			d->cb = copy;
			d->hobj = report_hobj;
			d->next = a->dereg;
			a->dereg = d;
		}
		return;
	}
	call_cb(c, a, &copy, MQCBCT_DEREGISTER_CALL, report_hobj, MQCC_OK, MQRC_NONE, MQCS_NONE, NULL, NULL, NULL, 0,
		0);
}

static struct mqm_cb *consumer_of(struct mqm_async *a, MQHOBJ hobj)
{
	for (int i = 0; i < a->ncb; i++)
		if (a->cb[i].used && a->cb[i].hobj == hobj)
			return &a->cb[i];
	return NULL;
}

/* A free slot for a consumer (a->mu held; NULL: none, out of memory). */
static struct mqm_cb *consumer_slot(struct mqm_async *a)
{
	for (int i = 0; i < a->ncb; i++)
		if (!a->cb[i].used)
			return &a->cb[i];
	if (a->ncb >= CB_MAX)
		return NULL;
	int n = a->ncb ? a->ncb * 2 : 8;
	if (n > CB_MAX)
		n = CB_MAX;
	struct mqm_cb *v = realloc(a->cb, (size_t)n * sizeof *v);
	if (!v)
		return NULL;
	memset(v + a->ncb, 0, (size_t)(n - a->ncb) * sizeof *v);
	a->cb = v;
	int at = a->ncb;
	a->ncb = n;
	return &a->cb[at];
}

/* ------------------------------------------------------------------------ */
/* The dispatcher                                                           */

/* CBGET's reply up to the data: cc, rc, index, MQMD, MQGMO, datalen, n. */
#define CB_FIXED (12 + sizeof(MQMD) + sizeof(MQGMO) + 4 + 4)
#define CB_ENTRY (4 + sizeof(MQMD) + sizeof(MQGMO) + 4)
#define ROUND_IDLE (-1)             /* round_once: no consumer is active */

/* End the dispatcher's CBGET `gen` (another thread; the socket's lock). */
static void send_cancel(struct mqm_conn *c, uint32_t gen)
{
	uint8_t hdr[PROTO_HDR_SIZE], body[4];
	struct proto_hdr h = { PROTO_MAGIC, sizeof body, PROTO_CBCANCEL, 0, 0 };
	proto_hdr_encode(hdr, &h);
	put_u32(body, gen);
	struct iovec v[2] = { { hdr, sizeof hdr }, { body, sizeof body } };
	pthread_mutex_lock(&c->send_lock);
	if (c->fd >= 0)
		(void)(c->client ? mqm_client_send(c, v, 2) : proto_send_all(c->fd, v, 2));
	pthread_mutex_unlock(&c->send_lock);
}

/* Wait (a->mu held, a->req_stop or req_suspend set) until finished(a),
 * ending the dispatcher's CBGET.  The dispatcher looks at those requests
 * before each CBGET without letting go of a->mu, so once they are set no new
 * CBGET starts, and the one out (if any) needs one CBCANCEL. */
static void await_dispatcher(struct mqm_conn *c, struct mqm_async *a, int (*finished)(struct mqm_async *))
{
	pthread_cond_broadcast(&a->cv);
	while (!finished(a)) {
		if (a->in_get && a->cancel_gen != a->gen) {
			a->cancel_gen = a->gen;
			send_cancel(c, a->gen);
		}
		pthread_cond_wait(&a->cv, &a->mu);
	}
}

static int is_stopped(struct mqm_async *a) { return !a->running; }
static int is_suspended(struct mqm_async *a) { return !a->running || a->state == ST_SUSPENDED; }

static int wants_events(const struct mqm_cb *cb, MQLONG rc)
{
	if (cb->cbd.Options & MQCBDO_EVENT_CALL)
		return 1;
	return rc == MQRC_Q_MGR_QUIESCING &&
	       ((cb->cbd.Options & MQCBDO_FAIL_IF_QUIESCING) || (cb->gmo.Options & MQGMO_FAIL_IF_QUIESCING));
}

/* A connection event: the event handler, and consumers that asked. */
static void deliver_event(struct mqm_conn *c, struct mqm_async *a, MQLONG rc)
{
	if (a->evh.used && !a->evh.suspended)
		call_cb(c, a, &a->evh, MQCBCT_EVENT_CALL, MQHO_NONE, MQCC_FAILED, rc, MQCS_NONE, NULL, NULL, NULL, 0, 0);
	for (int i = 0; i < a->ncb; i++) {
		struct mqm_cb *cb = &a->cb[i];
		if (cb->used && wants_events(cb, rc))
			call_cb(c, a, cb, MQCBCT_EVENT_CALL, cb->hobj, MQCC_FAILED, rc, MQCS_NONE, NULL, NULL, NULL, 0, 0);
	}
}

void mqm_async_conn_event(struct mqm_conn *c, MQLONG cc, MQLONG rc)
{
	struct mqm_async *a = c->async;
	if (!a)
		return;
	pthread_mutex_lock(&a->mu);
	if (a->evh.used && !a->evh.suspended)
		call_cb(c, a, &a->evh, MQCBCT_EVENT_CALL, MQHO_NONE, cc, rc, MQCS_NONE, NULL, NULL, NULL, 0, 0);
	pthread_mutex_unlock(&a->mu);
}

/* 2033 for the consumers whose wait ran out (probe: also those with
 * NO_WAIT not yet told), among the slots asked. */
static void deliver_nomsg(struct mqm_conn *c, struct mqm_async *a, const int *slot, int n, int probe)
{
	int64_t now = now_ms();
	for (int k = 0; k < n; k++) {
		struct mqm_cb *cb = &a->cb[slot[k]];
		if (!cb->used)
			continue;
		MQLONG o = cb->gmo.Options;
		int due = 0;
		if (!(o & MQGMO_WAIT)) {
			due = probe && !cb->nomsg_told;
			if (due)
				cb->nomsg_told = 1;
		} else if (cb->gmo.WaitInterval != MQWI_UNLIMITED && cb->idle_due && cb->idle_due <= now) {
			due = 1;
			cb->idle_due = now + cb->gmo.WaitInterval;
		}
		if (due)
			call_cb(c, a, cb, MQCBCT_EVENT_CALL, cb->hobj, MQCC_FAILED, MQRC_NO_MSG_AVAILABLE, MQCS_NONE,
				NULL, NULL, NULL, 0, 0);
	}
}

static MQLONG buflen_of(const struct mqm_async *a, const struct mqm_cb *cb)
{
	return cb->cbd.MaxMsgLength == MQCBD_FULL_MSG_LENGTH ? (MQLONG)a->full_cap : cb->cbd.MaxMsgLength;
}

/* A message, or a failure, for consumer slot s (a->mu held). */
static void deliver(struct mqm_conn *c, struct mqm_async *a, int s, MQLONG cc, MQLONG rc, const uint8_t *rep,
		    size_t replen, MQLONG buflen)
{
	struct mqm_cb *cb = &a->cb[s];
	if (replen < CB_FIXED) {
		/* its get failed: a consumer-specific event */
		cb->state = rc == MQRC_GET_INHIBITED ? MQCS_SUSPENDED_TEMPORARY : MQCS_SUSPENDED_USER_ACTION;
		cb->retry_ms = now_ms() + CB_RETRY_MS;
		call_cb(c, a, cb, MQCBCT_EVENT_CALL, cb->hobj, cc, rc, cb->state, NULL, NULL, NULL, 0, 0);
		return;
	}
	MQMD md;
	MQGMO gmo;
	memcpy(&md, rep + 12, sizeof md);
	memcpy(&gmo, rep + 12 + sizeof md, sizeof gmo);
	uint32_t total = get_u32(rep + CB_FIXED - 8);
	int full = cb->cbd.MaxMsgLength == MQCBD_FULL_MSG_LENGTH;
	if (full && rc == MQRC_TRUNCATED_MSG_FAILED) {
		/* left on the queue: ask again with room for it, this one first */
		size_t want = total;
		if (want > a->full_cap)
			a->full_cap = want;
		a->rr = (unsigned)s;
		return;
	}
	md.Version = cb->mdv;
	gmo.Options = cb->gmo.Options;
	gmo.WaitInterval = cb->gmo.WaitInterval;
	MQLONG browse = cb->gmo.Options & (MQGMO_BROWSE_FIRST | MQGMO_BROWSE_NEXT);
	MQLONG type = browse || rc == MQRC_TRUNCATED_MSG_FAILED ? MQCBCT_MSG_NOT_REMOVED : MQCBCT_MSG_REMOVED;
	cb->state = MQCS_NONE;
	cb->nomsg_told = 0;
	if ((cb->gmo.Options & MQGMO_WAIT) && cb->gmo.WaitInterval != MQWI_UNLIMITED)
		cb->idle_due = now_ms() + cb->gmo.WaitInterval;
	a->rr = (unsigned)s + 1;
	call_cb(c, a, cb, type, cb->hobj, cc, rc, MQCS_NONE, &md, &gmo, a->buf, (MQLONG)total, buflen);
}

/* One round (a->mu held): ask for the first message of the active
 * consumers, waiting as their MQGMOs say, and deliver what comes.  0 to go
 * on, ROUND_IDLE when no consumer is active (*retry: when one suspended for
 * the time being is due again, INT64_MAX: never), or the reason to stop. */
static MQLONG round_once(struct mqm_conn *c, struct mqm_async *a, int64_t *retry)
{
	int64_t now = now_ms(), due = INT64_MAX;
	int *slot = malloc((size_t)(a->ncb ? a->ncb : 1) * sizeof *slot);
	if (!slot)
		return MQRC_STORAGE_NOT_AVAILABLE;
	int n = 0, probe = 0, first = 0;
	MQLONG need = 0;
	*retry = INT64_MAX;
	for (int i = 0; i < a->ncb; i++) {
		struct mqm_cb *cb = &a->cb[i];
		if (!cb->used || cb->suspended || cb->state == MQCS_SUSPENDED_USER_ACTION)
			continue;
		if (cb->state == MQCS_SUSPENDED_TEMPORARY && now < cb->retry_ms) {
			if (cb->retry_ms < *retry)
				*retry = cb->retry_ms;
			continue;
		}
		if ((unsigned)i < a->rr)
			first = n + 1;
		slot[n++] = i;
		MQLONG o = cb->gmo.Options;
		if (!(o & MQGMO_WAIT)) {
			probe |= !cb->nomsg_told;
		} else if (cb->gmo.WaitInterval != MQWI_UNLIMITED) {
			if (!cb->idle_due)
				cb->idle_due = now + cb->gmo.WaitInterval;
			if (cb->idle_due < due)
				due = cb->idle_due;
		}
		MQLONG b = buflen_of(a, cb);
		if (b > need)
			need = b;
	}
	if (n == 0) {
		free(slot);
		return ROUND_IDLE;
	}
	if (first >= n)
		first = 0;
	if (*retry < due)
		due = *retry;
	int32_t wait = probe ? 0 : due == INT64_MAX ? MQWI_UNLIMITED : due <= now ? 0 :
		       (int32_t)(due - now > INT32_MAX ? INT32_MAX : due - now);
	if ((size_t)need > a->bufcap) {
		uint8_t *nb = realloc(a->buf, (size_t)need);
		if (!nb) {
			free(slot);
			return MQRC_STORAGE_NOT_AVAILABLE;
		}
		a->buf = nb;
		a->bufcap = (size_t)need;
	}
	size_t qlen = 20 + (size_t)n * CB_ENTRY;
	uint8_t *q = malloc(qlen);
	if (!q) {
		free(slot);
		return MQRC_STORAGE_NOT_AVAILABLE;
	}
	if (++a->gen == 0)
		a->gen = 1;   /* (0 is the queue manager's "none cancelled") */
	put_u32(q, 0);
	put_u32(q + 4, a->gen);
	put_u32(q + 8, (uint32_t)wait);
	put_u32(q + 12, (uint32_t)first);
	put_u32(q + 16, (uint32_t)n);
	for (int k = 0; k < n; k++) {
		const struct mqm_cb *cb = &a->cb[slot[k]];
		uint8_t *e = q + 20 + (size_t)k * CB_ENTRY;
		MQGMO g = cb->gmo;   /* (the queue manager drops MQGMO_WAIT: the request's wait counts) */
		g.Version = MQGMO_CURRENT_VERSION;   /* the consumer is given the newest (MQ) */
		if (cb->cbd.MaxMsgLength == MQCBD_FULL_MSG_LENGTH)
			g.Options &= ~(MQLONG)MQGMO_ACCEPT_TRUNCATED_MSG;   /* whole messages only */
		put_u32(e, (uint32_t)cb->hobj);
		memcpy(e + 4, &cb->md, sizeof cb->md);
		memcpy(e + 4 + sizeof cb->md, &g, sizeof g);
		put_u32(e + 4 + sizeof cb->md + sizeof g, (uint32_t)buflen_of(a, cb));
	}
	a->in_get = 1;
	pthread_mutex_unlock(&a->mu);
#ifdef QUIRE_TEST_HOOKS
	/* QUIRE_TEST_CBGET_DELAY_MS: hold the CBGET back, so that a CBCANCEL
	 * sent meanwhile reaches the queue manager first (tests/mqi/mqi_cb.c) */
	const char *delay = getenv("QUIRE_TEST_CBGET_DELAY_MS");
	if (delay && atoi(delay) > 0)
		nanosleep(&(struct timespec){ atoi(delay) / 1000, (long)(atoi(delay) % 1000) * 1000000L }, NULL);
#endif

	uint8_t rep[CB_FIXED];
	struct mqm_rx rx = { rep, sizeof rep, a->buf, (size_t)need, 0, 0 };
	struct iovec iov = { q, qlen };
	MQLONG cc = MQCC_FAILED, rc = MQRC_NONE;
	pthread_mutex_lock(&c->call_lock);
	MQLONG trc = c->broken_rc;
	if (!trc || mqm_rcn_live(c))   /* a reconnectable connection reconnects in mqm_call */
		trc = mqm_call(c, PROTO_CBGET, &iov, 1, &rx, &cc, &rc);
	pthread_mutex_unlock(&c->call_lock);
	free(q);

	pthread_mutex_lock(&a->mu);
	a->in_get = 0;
	MQLONG out = 0;
	if (trc) {
		deliver_event(c, a, trc);
		out = trc;
	} else {
		int32_t index = rx.len >= 12 ? (int32_t)get_u32(rep + 8) : -1;
		if (index >= n || index < -1 || (rx.len >= CB_FIXED && rx.len - CB_FIXED != get_u32(rep + CB_FIXED - 4))) {
			out = mqm_conn_break(c);
			deliver_event(c, a, out);
		} else if (index >= 0) {
			deliver(c, a, slot[index], cc, rc, rep, rx.len, need);
		} else if (rc == MQRC_NO_MSG_AVAILABLE) {
			deliver_nomsg(c, a, slot, n, probe);
		} else if (rc == MQRC_BACKED_OUT) {
			deliver_event(c, a, rc);   /* the unit of work was backed out to free the log */
		} else {
			deliver_event(c, a, rc);   /* quiescing, stopping, out of resources: stop */
			out = rc;
		}
	}
	free(slot);
	return out;
}

/* The STOP_CALLs, and the state STOPPED (a->mu held). */
static void stop_calls(struct mqm_conn *c, struct mqm_async *a, MQLONG why)
{
	for (int i = 0; i < a->ncb; i++) {
		struct mqm_cb *cb = &a->cb[i];
		if (!cb->used || !cb->started)
			continue;
		cb->started = 0;
		if (cb->cbd.Options & MQCBDO_STOP_CALL)
			call_cb(c, a, cb, MQCBCT_STOP_CALL, cb->hobj, why ? MQCC_FAILED : MQCC_OK, why, MQCS_STOPPED, NULL,
				NULL, NULL, 0, 0);
	}
	flush_dereg(c, a);
	a->state = ST_STOPPED;
	a->req_stop = 0;
	a->req_suspend = 0;
}

/* Run the connection (a->mu held) until it stops (the reason: MQRC_NONE
 * for MQCTL STOP, 2446 when START_WAIT has no active consumer left, the
 * connection's failure) or a START_WAIT's connection is suspended (2521). */
static MQLONG dispatch(struct mqm_conn *c, struct mqm_async *a)
{
	MQLONG why = MQRC_NONE;
	for (;;) {
		flush_dereg(c, a);
		if (a->req_stop) {
			why = a->stop_reason;
			break;
		}
		if (a->req_suspend) {
			a->req_suspend = 0;
			__atomic_store_n(&a->state, ST_SUSPENDED, __ATOMIC_RELEASE);
			pthread_cond_broadcast(&a->cv);
			if (a->waiting)
				return MQRC_CONNECTION_SUSPENDED;
			while (a->state == ST_SUSPENDED && !a->req_stop)
				pthread_cond_wait(&a->cv, &a->mu);
			continue;
		}
		int called = 0;
		for (int i = 0; i < a->ncb && !called; i++) {
			struct mqm_cb *cb = &a->cb[i];
			if (cb->used && !cb->started) {
				cb->started = 1;
				if (cb->cbd.Options & MQCBDO_START_CALL) {
					call_cb(c, a, cb, MQCBCT_START_CALL, cb->hobj, MQCC_OK, MQRC_NONE, MQCS_NONE, NULL,
						NULL, NULL, 0, 0);
					called = 1;   /* look at the state again */
				}
			}
		}
		if (called)
			continue;
		int64_t retry;
		MQLONG r = round_once(c, a, &retry);
		if (r == ROUND_IDLE) {
			if (a->waiting) {
				why = MQRC_NO_CALLBACKS_ACTIVE;
				break;
			}
			if (retry == INT64_MAX) {
				pthread_cond_wait(&a->cv, &a->mu);
			} else {
				struct timespec t = { (time_t)(retry / 1000), (long)(retry % 1000) * 1000000L };
				pthread_cond_timedwait(&a->cv, &a->mu, &t);
			}
			continue;
		}
		if (r) {
			why = r;
			break;
		}
	}
	stop_calls(c, a, why);
	return why;
}

static void *dispatcher_main(void *arg)
{
	struct mqm_conn *c = arg;
	struct mqm_async *a = c->async;
	pthread_mutex_lock(&a->mu);
	(void)dispatch(c, a);
	a->running = 0;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	mqm_conn_put(c);   /* the reference MQCTL START gave it */
	return NULL;
}

/* ------------------------------------------------------------------------ */
/* MQCB                                                                     */

/* The function an MQCBD names: by address, or CallbackName "library(function)"
 * (or a function already loaded, without the parentheses) through dlopen. */
static MQLONG resolve(const MQCBD *d, MQCB_FUNCTION **fn)
{
	char name[CB_NAME_LEN + 1];
	mqm_name_get(d->CallbackName, CB_NAME_LEN, name);
	if (d->CallbackFunction && name[0])
		return MQRC_CALLBACK_ROUTINE_ERROR;   /* both */
	if (d->CallbackFunction) {
		*fn = (MQCB_FUNCTION *)d->CallbackFunction;
		return MQRC_NONE;
	}
	if (!name[0])
		return MQRC_CALLBACK_ROUTINE_ERROR;   /* neither */
	char *open = strchr(name, '('), *close = strrchr(name, ')');
	void *lib = RTLD_DEFAULT, *f;
	if (open) {
		if (!close || close < open || close[1] || open == name || close == open + 1)
			return MQRC_CALLBACK_ROUTINE_ERROR;
		*open = 0;
		*close = 0;
		lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
		if (!lib)
			return MQRC_MODULE_NOT_FOUND;
		f = dlsym(lib, open + 1);
	} else {
		f = dlsym(lib, name);
	}
	if (!f)
		return MQRC_MODULE_ENTRY_NOT_FOUND;   /* (a library that loaded stays loaded) */
	*fn = (MQCB_FUNCTION *)f;
	return MQRC_NONE;
}

#define CBDO_VALID (MQCBDO_START_CALL | MQCBDO_STOP_CALL | MQCBDO_REGISTER_CALL | MQCBDO_DEREGISTER_CALL | \
		    MQCBDO_FAIL_IF_QUIESCING | MQCBDO_EVENT_CALL | MQCBDO_MC_EVENT_CALL)

static MQLONG check_cbd(const void *p, MQCBD *d)
{
	if (!p)
		return MQRC_CBD_ERROR;
	memcpy(d, p, sizeof *d);
	if (memcmp(d->StrucId, MQCBD_STRUC_ID, 4) != 0 || d->Version != MQCBD_VERSION_1)
		return MQRC_CBD_ERROR;
	if (d->CallbackType != MQCBT_MESSAGE_CONSUMER && d->CallbackType != MQCBT_EVENT_HANDLER)
		return MQRC_CALLBACK_TYPE_ERROR;
	if (d->Options & ~(MQLONG)CBDO_VALID)
		return MQRC_CBD_OPTIONS_ERROR;
	if (d->MaxMsgLength < 0 && d->MaxMsgLength != MQCBD_FULL_MSG_LENGTH)
		return MQRC_MAX_MSG_LENGTH_ERROR;
	return MQRC_NONE;
}

/* The consumer's MQMD and MQGMO (NULL: their defaults), checked as MQGET
 * checks them, then by the queue manager against its handle. */
static MQLONG check_consumer(struct mqm_conn *c, MQHOBJ hobj, const void *pmd, const void *pgmo, MQLONG *mdv,
			     MQMD *md, MQGMO *gmo)
{
	MQLONG rc = MQRC_NONE, gmov;
	*mdv = pmd ? mqm_md_version(pmd, &rc) : MQMD_VERSION_1;
	if (rc)
		return rc;
	mqm_md_in(pmd, pmd ? *mdv : 0, md);
	gmov = pgmo ? mqm_gmo_version(pgmo, &rc) : MQGMO_VERSION_1;
	if (rc)
		return rc;
	mqm_gmo_in(pgmo, pgmo ? gmov : 0, gmo);
	if ((rc = mqm_check_gmo(gmo)) != 0)
		return rc;
	if (gmo->Options & (MQGMO_BROWSE_MSG_UNDER_CURSOR | MQGMO_MSG_UNDER_CURSOR | MQGMO_SET_SIGNAL))
		return MQRC_OPTIONS_ERROR;
	/* the queue manager checks the handle and the options against it */
	uint8_t q[20 + CB_ENTRY], rep[12];
	put_u32(q, PROTO_CBGET_CHECK);
	put_u32(q + 4, 0);    /* gen: none (nothing to cancel) */
	put_u32(q + 8, 0);
	put_u32(q + 12, 0);
	put_u32(q + 16, 1);
	put_u32(q + 20, (uint32_t)hobj);
	memcpy(q + 24, md, sizeof *md);
	memcpy(q + 24 + sizeof *md, gmo, sizeof *gmo);
	put_u32(q + 24 + sizeof *md + sizeof *gmo, 0);
	struct iovec iov = { q, sizeof q };
	struct mqm_rx rx = { rep, sizeof rep, NULL, 0, 0, 0 };
	MQLONG cc, r;
	if ((rc = mqm_conn_lock(c, 0)) != 0)
		return rc;
	rc = mqm_call(c, PROTO_CBGET, &iov, 1, &rx, &cc, &r);
	mqm_conn_unlock(c);
	if (rc)
		return rc;
	/* a queue that is get-inhibited, or a queue manager quiescing, does not
	 * stop a registration: the consumer hears of it when it runs */
	if (cc == MQCC_FAILED && r != MQRC_GET_INHIBITED && r != MQRC_Q_MGR_QUIESCING)
		return r;
	return MQRC_NONE;
}

static void mqcb(struct mqm_conn *c, MQLONG op, const void *pcbd, MQHOBJ hobj, const void *pmd, const void *pgmo,
		 PMQLONG pcc, PMQLONG prc)
{
	MQLONG base = op & ~(MQLONG)(MQOP_SUSPEND | MQOP_RESUME), sr = op & (MQOP_SUSPEND | MQOP_RESUME);
	int ok = (base == MQOP_REGISTER && sr != (MQOP_SUSPEND | MQOP_RESUME)) ||
		 (base == MQOP_DEREGISTER && !sr) || (base == 0 && (sr == MQOP_SUSPEND || sr == MQOP_RESUME));
	if (!ok) {
		mqm_done(pcc, prc, MQCC_FAILED, MQRC_OPERATION_ERROR);
		return;
	}
	MQLONG rc;
	if ((rc = mqm_async_gate(c)) != 0 || (rc = c->broken_rc) != 0) {
		mqm_done(pcc, prc, MQCC_FAILED, rc);
		return;
	}
	MQCBD d;
	MQMD md;
	MQGMO gmo;
	MQLONG mdv = MQMD_VERSION_1;
	MQCB_FUNCTION *fn = NULL;
	int evh;
	if (base == MQOP_REGISTER) {
		if ((rc = check_cbd(pcbd, &d)) == 0 && (d.Options & MQCBDO_FAIL_IF_QUIESCING) && c->stopping)
			rc = MQRC_Q_MGR_QUIESCING;
		if (!rc)
			rc = resolve(&d, &fn);
		evh = !rc && d.CallbackType == MQCBT_EVENT_HANDLER;
		if (!rc && !evh)
			rc = check_consumer(c, hobj, pmd, pgmo, &mdv, &md, &gmo);
	} else {
		/* the descriptor only says which: the event handler, or hobj's consumer */
		evh = pcbd && check_cbd(pcbd, &d) == 0 && d.CallbackType == MQCBT_EVENT_HANDLER;
	}
	struct mqm_async *a = rc ? NULL : async_of(c);
	if (!rc && !a)
		rc = MQRC_STORAGE_NOT_AVAILABLE;
	if (rc) {
		mqm_done(pcc, prc, MQCC_FAILED, rc);
		return;
	}
	pthread_mutex_lock(&a->mu);
	struct mqm_cb *cb = evh ? (a->evh.used ? &a->evh : NULL) : consumer_of(a, hobj);
	if (base == MQOP_REGISTER) {
		int fresh = !cb;
		if (fresh)
			cb = evh ? &a->evh : consumer_slot(a);
		if (!cb) {
			pthread_mutex_unlock(&a->mu);
			mqm_done(pcc, prc, MQCC_FAILED, MQRC_STORAGE_NOT_AVAILABLE);
			return;
		}
		MQPTR area = fresh ? d.CallbackArea : cb->cbd.CallbackArea;   /* MQ: kept on a replacement */
		int started = fresh ? 0 : cb->started;
		memset(cb, 0, sizeof *cb);
		cb->used = 1;
		cb->hobj = evh ? 0 : hobj;
		cb->cbd = d;
		cb->cbd.CallbackArea = area;
		cb->fn = fn;
		cb->mdv = mdv;
		if (!evh) {
			cb->md = md;
			cb->gmo = gmo;
		}
		cb->started = started;
		cb->suspended = (op & MQOP_SUSPEND) != 0;
		cb->state = MQCS_NONE;
		if (fresh && (d.Options & MQCBDO_REGISTER_CALL))
			call_cb(c, a, cb, MQCBCT_REGISTER_CALL, cb->hobj, MQCC_OK, MQRC_NONE, MQCS_NONE, NULL, NULL, NULL,
				0, 0);
	} else if (!cb) {
		pthread_mutex_unlock(&a->mu);
		mqm_done(pcc, prc, MQCC_FAILED, MQRC_CALLBACK_NOT_REGISTERED);
		return;
	} else if (base == MQOP_DEREGISTER) {
		deregister(c, a, cb, evh ? MQHO_NONE : hobj);
	} else if (sr == MQOP_SUSPEND) {
		cb->suspended = 1;
	} else {
		cb->suspended = 0;
		cb->state = MQCS_NONE;   /* RESUME also ends a suspension the consumer's error made */
	}
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	mqm_done(pcc, prc, MQCC_OK, MQRC_NONE);
}

void MQENTRY MQCB(MQHCONN Hconn, MQLONG Operation, PMQVOID pCallbackDesc, MQHOBJ Hobj, PMQVOID pMsgDesc,
		  PMQVOID pGetMsgOpts, PMQLONG pCompCode, PMQLONG pReason)
{
	struct mqm_conn *c;
	if (!pCompCode || !pReason)
		return;
	MQLONG rc = mqm_conn_get(Hconn, &c);
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	mqcb(c, Operation, pCallbackDesc, Hobj, pMsgDesc, pGetMsgOpts, pCompCode, pReason);
	mqm_conn_put(c);
}

/* ------------------------------------------------------------------------ */
/* MQCTL                                                                    */

static int any_active(const struct mqm_async *a)
{
	for (int i = 0; i < a->ncb; i++)
		if (a->cb[i].used && !a->cb[i].suspended)
			return 1;
	return 0;
}

/* Start (a->mu held): the state, and each consumer's START_CALL to come. */
static void start(struct mqm_async *a, const MQCTLO *o, int waiting)
{
	__atomic_store_n(&a->state, ST_STARTED, __ATOMIC_RELEASE);
	a->running = 1;
	a->waiting = waiting;
	a->req_stop = a->req_suspend = 0;
	a->stop_reason = MQRC_NONE;
	if (o)
		a->conn_area = o->ConnectionArea;
	for (int i = 0; i < a->ncb; i++) {
		a->cb[i].started = 0;
		a->cb[i].idle_due = 0;
		a->cb[i].nomsg_told = 0;
	}
}

/* Run the dispatcher on the caller's thread (START_WAIT, or RESUME of a
 * START_WAIT that was suspended): the call's outcome. */
static void run_here(struct mqm_conn *c, struct mqm_async *a, PMQLONG pcc, PMQLONG prc)
{
	a->disp = pthread_self();
	MQLONG why = dispatch(c, a);
	a->running = 0;
	pthread_cond_broadcast(&a->cv);
	if (why == MQRC_CONNECTION_SUSPENDED)
		mqm_done(pcc, prc, MQCC_WARNING, why);
	else
		mqm_done(pcc, prc, why ? MQCC_FAILED : MQCC_OK, why);
}

static void mqctl(struct mqm_conn *c, struct mqm_async *a, MQLONG op, const MQCTLO *o, PMQLONG pcc, PMQLONG prc)
{
	int inside = cb_conn == c;
	switch (op) {
	case MQOP_START:
		if (inside) {
			a->req_stop = 0;   /* from a callback: only takes back an earlier STOP */
			break;
		}
		if (a->state == ST_STARTED || a->running) {
			mqm_done(pcc, prc, MQCC_FAILED, a->state == ST_SUSPENDED ? MQRC_OPERATION_NOT_ALLOWED :
				MQRC_HCONN_ASYNC_ACTIVE);
			return;
		}
		if (a->state == ST_SUSPENDED) {
			mqm_done(pcc, prc, MQCC_FAILED, MQRC_OPERATION_NOT_ALLOWED);
			return;
		}
		start(a, o, 0);
		mqm_conn_ref(c);   /* the thread's, put when it ends */
		if (pthread_create(&a->disp, NULL, dispatcher_main, c) != 0) {
			mqm_conn_put(c);
			a->running = 0;
			__atomic_store_n(&a->state, ST_STOPPED, __ATOMIC_RELEASE);
			mqm_done(pcc, prc, MQCC_FAILED, MQRC_RESOURCE_PROBLEM);
			return;
		}
		pthread_detach(a->disp);
		break;
	case MQOP_START_WAIT:
		if (cb_conn) {
			mqm_done(pcc, prc, MQCC_FAILED, MQRC_ENVIRONMENT_ERROR);   /* not from any callback */
			return;
		}
		if (a->state != ST_STOPPED || a->running) {
			mqm_done(pcc, prc, MQCC_FAILED, MQRC_OPERATION_NOT_ALLOWED);
			return;
		}
		if (!any_active(a)) {
			mqm_done(pcc, prc, MQCC_FAILED, MQRC_NO_CALLBACKS_ACTIVE);
			return;
		}
		start(a, o, 1);
		run_here(c, a, pcc, prc);
		return;
	case MQOP_STOP:
		if (inside) {
			a->req_stop = 1;   /* once the callback returns */
			a->stop_reason = MQRC_NONE;
			break;
		}
		if (a->running) {
			a->req_stop = 1;
			a->stop_reason = MQRC_NONE;
			await_dispatcher(c, a, is_stopped);
		} else if (a->state != ST_STOPPED) {
			stop_calls(c, a, MQRC_NONE);   /* a START_WAIT left suspended */
		}
		__atomic_store_n(&a->state, ST_STOPPED, __ATOMIC_RELEASE);
		break;
	case MQOP_SUSPEND:
		if (a->state == ST_STOPPED) {
			mqm_done(pcc, prc, MQCC_FAILED, MQRC_OPERATION_NOT_ALLOWED);
			return;
		}
		if (a->state == ST_SUSPENDED)
			break;
		a->req_suspend = 1;
		if (!inside)
			await_dispatcher(c, a, is_suspended);
		break;
	case MQOP_RESUME:
		if (a->state == ST_STOPPED) {
			mqm_done(pcc, prc, MQCC_FAILED, MQRC_OPERATION_NOT_ALLOWED);
			return;
		}
		if (a->state == ST_STARTED) {
			a->req_suspend = 0;
			break;
		}
		__atomic_store_n(&a->state, ST_STARTED, __ATOMIC_RELEASE);
		if (a->running) {
			pthread_cond_broadcast(&a->cv);   /* the thread waits for this */
			break;
		}
		if (cb_conn) {
			__atomic_store_n(&a->state, ST_SUSPENDED, __ATOMIC_RELEASE);
			mqm_done(pcc, prc, MQCC_FAILED, MQRC_ENVIRONMENT_ERROR);
			return;
		}
		a->running = 1;   /* a START_WAIT that returned suspended: it blocks again */
		run_here(c, a, pcc, prc);
		return;
	}
	mqm_done(pcc, prc, MQCC_OK, MQRC_NONE);
}

void MQENTRY MQCTL(MQHCONN Hconn, MQLONG Operation, PMQVOID pControlOpts, PMQLONG pCompCode, PMQLONG pReason)
{
	struct mqm_conn *c;
	if (!pCompCode || !pReason)
		return;
	MQLONG rc = mqm_conn_get(Hconn, &c);
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		return;
	}
	MQCTLO o;
	if (Operation != MQOP_START && Operation != MQOP_START_WAIT && Operation != MQOP_STOP &&
	    Operation != MQOP_SUSPEND && Operation != MQOP_RESUME) {
		rc = MQRC_OPERATION_ERROR;
	} else if (!pControlOpts) {
		rc = MQRC_CTLO_ERROR;
	} else {
		memcpy(&o, pControlOpts, sizeof o);
		if (memcmp(o.StrucId, MQCTLO_STRUC_ID, 4) != 0 || o.Version != MQCTLO_VERSION_1)
			rc = MQRC_CTLO_ERROR;
		else if (o.Options & ~(MQLONG)(MQCTLO_THREAD_AFFINITY | MQCTLO_FAIL_IF_QUIESCING))
			rc = MQRC_OPTIONS_ERROR;
	}
	if (!rc && (Operation == MQOP_START || Operation == MQOP_START_WAIT) && c->broken_rc)
		rc = c->broken_rc;
	struct mqm_async *a = rc ? NULL : async_of(c);
	if (!rc && !a)
		rc = MQRC_STORAGE_NOT_AVAILABLE;
	if (rc) {
		mqm_done(pCompCode, pReason, MQCC_FAILED, rc);
		mqm_conn_put(c);
		return;
	}
	pthread_mutex_lock(&a->mu);
	mqctl(c, a, Operation, &o, pCompCode, pReason);
	pthread_mutex_unlock(&a->mu);
	mqm_conn_put(c);
}

/* ------------------------------------------------------------------------ */
/* MQCLOSE and MQDISC                                                       */

void mqm_async_closed(struct mqm_conn *c, MQHOBJ hobj)
{
	struct mqm_async *a = __atomic_load_n(&c->async, __ATOMIC_ACQUIRE);
	if (!a)
		return;
	pthread_mutex_lock(&a->mu);
	struct mqm_cb *cb = consumer_of(a, hobj);
	if (cb)
		deregister(c, a, cb, MQHO_UNUSABLE_HOBJ);
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
}

MQLONG mqm_async_disc(struct mqm_conn *c)
{
	struct mqm_async *a = __atomic_load_n(&c->async, __ATOMIC_ACQUIRE);
	if (!a)
		return MQRC_NONE;
	if (cb_conn == c)
		return MQRC_ENVIRONMENT_ERROR;
	pthread_mutex_lock(&a->mu);
	if (a->running) {
		a->req_stop = 1;
		a->stop_reason = MQRC_NONE;
		await_dispatcher(c, a, is_stopped);
	} else if (a->state != ST_STOPPED) {
		stop_calls(c, a, MQRC_NONE);
	}
	__atomic_store_n(&a->state, ST_STOPPED, __ATOMIC_RELEASE);
	for (int i = 0; i < a->ncb; i++)
		if (a->cb[i].used)
			deregister(c, a, &a->cb[i], MQHO_UNUSABLE_HOBJ);
	if (a->evh.used)
		deregister(c, a, &a->evh, MQHO_NONE);
	pthread_mutex_unlock(&a->mu);
	return MQRC_NONE;
}
