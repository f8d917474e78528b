/*
 * mqiserv_mark.c: browse with lock (MQGMO_LOCK / MQGMO_UNLOCK) and browse
 * marks (MQGMO_MARK_BROWSE_HANDLE, UNMARK_BROWSE_HANDLE, MARK_BROWSE_CO_OP,
 * UNMARK_BROWSE_CO_OP, UNMARKED_BROWSE_MSG; MQOO_CO_OP), as MQ serves them
 * on distributed platforms.
 *
 * What is kept.  One record per message that is locked or marked, in a hash
 * table keyed by the message (struct qmsg), which the engine tags
 * (queue.h "Tags") so that its finders ask skip() about it and so that the
 * record goes (mqi_mark_untag) when the message leaves its queue by any
 * path.  A record holds: the handle that locked it; the handles that marked
 * it (MARK_BROWSE_HANDLE); whether it is marked for the cooperating set of
 * its queue (MARK_BROWSE_CO_OP) and since when.  A handle knows the message
 * it locked (h->locked) and how many messages it marked (h->nmarks).  None of
 * it is logged or stored: locks and marks live in the queue manager's memory
 * and are gone at a restart, as in MQ.
 *
 * Locks (MQGMO_LOCK with a browse):
 *   - the message browsed is locked for the handle: every other handle's
 *     gets and browses pass over it (MSG_UNDER_CURSOR on it: 2034), the
 *     handle's own see it as before;
 *   - one lock per handle; the lock goes with MQGMO_UNLOCK (2209
 *     NO_MSG_LOCKED, MQCC_WARNING, when there is none), with another
 *     BROWSE_FIRST or BROWSE_NEXT of the handle that completes (OK or
 *     WARNING; a failed one, 2033 for instance, keeps it; BROWSE_MSG_UNDER_
 *     CURSOR keeps it), when the message is got (by the handle, or expires),
 *     and with MQCLOSE, MQDISC and the connection's end (a killed process);
 *   - a released lock wakes the queue's parked gets, which could not see it;
 *   - the options MQ refuses with 2046: LOCK without a browse option,
 *     LOCK or UNLOCK with SYNCPOINT, UNLOCK with anything but NO_SYNCPOINT
 *     (and NO_WAIT, which is 0); UNLOCK needs no open option.
 *
 * Marks:
 *   - MARK_BROWSE_HANDLE marks the message returned by a browse for this
 *     handle, UNMARK_BROWSE_HANDLE unmarks it; UNMARKED_BROWSE_MSG returns
 *     only a message this handle has not marked and, on a handle opened with
 *     MQOO_CO_OP, that the cooperating set has not marked either;
 *   - MARK_BROWSE_CO_OP marks it for the cooperating set: every handle open
 *     on the same queue with MQOO_CO_OP (any connection); UNMARK_BROWSE_CO_OP
 *     unmarks it; a co-op mark goes after the queue manager's MARKINT
 *     (MsgMarkBrowseInterval, milliseconds, NOLIMIT never), or when the last
 *     handle of the set closes; an unmark or an expiry wakes parked browses;
 *   - any mark goes when the message is got destructively (even if the get
 *     is later backed out) or expires; handle marks when the handle closes;
 *   - 2046 MQRC_OPTIONS_ERROR: a mark option without a browse option,
 *     MARK and UNMARK of the same kind together, a co-op option on a handle
 *     not opened with MQOO_CO_OP, UNMARKED_BROWSE_MSG without BROWSE_FIRST
 *     or BROWSE_NEXT;
 *   - 2200 MQRC_MSG_MARKED_BROWSE_CO_OP (MQCC_FAILED, nothing changes, the
 *     cursor stays): MARK_BROWSE_CO_OP of a message the set has marked
 *     already (found with BROWSE_MSG_UNDER_CURSOR, or without
 *     UNMARKED_BROWSE_MSG).
 * A browse that ends in 2080 (truncated, not accepted) changes no lock and
 * no mark.
 */
#include "qm/server/mqiserv.h"

#include <stdlib.h>
#include <string.h>

#include "qm/engine/qtable.h"

#define GMO_BROWSE (MQGMO_BROWSE_FIRST | MQGMO_BROWSE_NEXT | MQGMO_BROWSE_MSG_UNDER_CURSOR)
#define GMO_MARKS (MQGMO_MARK_BROWSE_HANDLE | MQGMO_UNMARK_BROWSE_HANDLE | MQGMO_MARK_BROWSE_CO_OP | \
		   MQGMO_UNMARK_BROWSE_CO_OP)

struct mrec {
	struct qmsg *m;
	struct qobj *base;            /* the queue it is on */
	struct mrec *hnext;           /* hash chain */
	struct hobj *locker;          /* the handle that locked it (NULL: none) */
	int coop;                     /* marked for the cooperating set of base */
	int64_t coop_ms;              /* ... since then */
	struct mrec *cprev, *cnext;   /* on the co-op list, oldest mark first */
	struct hobj **h;              /* the handles that marked it */
	unsigned nh, caph;
};

struct marks {
	struct mrec **tab;
	size_t cap, n;
	struct mrec *chead, *ctail;   /* co-op marks in the order they were made */
};

static size_t slot(const struct marks *k, const struct qmsg *m)
{
	uint64_t x = (uint64_t)(uintptr_t)m;
	x ^= x >> 29;
	x *= 0x9e3779b97f4a7c15ull;
	return (size_t)(x >> 20) & (k->cap - 1);
}

static struct mrec *rec_find(struct qm *qm, const struct qmsg *m)
{
	struct marks *k = qm->marks;
	if (!k || !k->cap || !qmsg_tagged(m))
		return NULL;
	for (struct mrec *r = k->tab[slot(k, m)]; r; r = r->hnext)
		if (r->m == m)
			return r;
	return NULL;
}

static int grow(struct marks *k)
{
	size_t cap = k->cap ? 2 * k->cap : 64;
	struct mrec **t = calloc(cap, sizeof *t);
	if (!t)
		return -1;
	struct mrec **old = k->tab;
	size_t ocap = k->cap;
	k->tab = t;
	k->cap = cap;
	for (size_t i = 0; i < ocap; i++)
		for (struct mrec *r = old[i], *nx; r; r = nx) {
			nx = r->hnext;
			size_t s = slot(k, r->m);
			r->hnext = t[s];
			t[s] = r;
		}
	free(old);
	return 0;
}

/* m's record, made if need be; NULL when out of memory. */
static struct mrec *rec_get(struct qm *qm, struct qobj *base, struct qmsg *m)
{
	struct mrec *r = rec_find(qm, m);
	if (r)
		return r;
	if (!qm->marks && !(qm->marks = calloc(1, sizeof(struct marks))))
		return NULL;
	struct marks *k = qm->marks;
	if (k->n >= k->cap && grow(k))
		return NULL;
	if (!(r = calloc(1, sizeof *r)))
		return NULL;
	r->m = m;
	r->base = base;
	size_t s = slot(k, m);
	r->hnext = k->tab[s];
	k->tab[s] = r;
	k->n++;
	qmsg_set_tagged(m, 1);
	return r;
}

static void coop_unlink(struct marks *k, struct mrec *r)
{
	if (!r->coop)
		return;
	if (r->cprev)
		r->cprev->cnext = r->cnext;
	else
		k->chead = r->cnext;
	if (r->cnext)
		r->cnext->cprev = r->cprev;
	else
		k->ctail = r->cprev;
	r->cprev = r->cnext = NULL;
	r->coop = 0;
}

static void rec_free(struct qm *qm, struct mrec *r, int untag)
{
	struct marks *k = qm->marks;
	struct mrec **p = &k->tab[slot(k, r->m)];
	while (*p != r)
		p = &(*p)->hnext;
	*p = r->hnext;
	k->n--;
	coop_unlink(k, r);
	if (r->locker && r->locker->locked == r->m)
		r->locker->locked = NULL;
	for (unsigned i = 0; i < r->nh; i++)
		if (r->h[i]->nmarks)
			r->h[i]->nmarks--;
	if (untag)
		qmsg_set_tagged(r->m, 0);
	free(r->h);
	free(r);
	if (k->n == 0) {
		free(k->tab);
		free(k);
		qm->marks = NULL;
	}
}

/* r holds nothing any more: it goes. */
static void rec_tidy(struct qm *qm, struct mrec *r)
{
	if (!r->locker && !r->coop && !r->nh)
		rec_free(qm, r, 1);
}

static int has_handle(const struct mrec *r, const struct hobj *h)
{
	for (unsigned i = 0; i < r->nh; i++)
		if (r->h[i] == h)
			return 1;
	return 0;
}

static void drop_handle(struct mrec *r, struct hobj *h)
{
	for (unsigned i = 0; i < r->nh; i++)
		if (r->h[i] == h) {
			r->h[i] = r->h[--r->nh];
			if (h->nmarks)
				h->nmarks--;
			return;
		}
}

static int32_t markint(const struct qm *qm)
{
	return qm->os.qmgr.mark_browse_interval;
}

static int coop_live(const struct qm *qm, const struct mrec *r, int64_t now)
{
	int32_t iv = markint(qm);
	return r->coop && (iv < 0 || now < r->coop_ms + iv);
}

static void wake(struct qm *qm, struct qobj *base)
{
	if (base && base->q)
		mqi_wake_hook(base->q, qm);
}

/* ---- the engine's side ---- */

void mqi_mark_untag(struct queue *q, struct qmsg *m, void *arg)
{
	struct qm *qm = arg;
	(void)q;
	struct marks *k = qm->marks;
	if (!k || !k->cap)
		return;
	for (struct mrec *r = k->tab[slot(k, m)]; r; r = r->hnext)
		if (r->m == m) {
			rec_free(qm, r, 0);   /* the engine has cleared the tag */
			return;
		}
}

static int skip(const struct qmsg *m, void *arg)
{
	const struct mqi_mark_ctx *x = arg;
	struct mrec *r = rec_find(x->qm, m);
	if (!r)
		return 0;
	if (r->locker && r->locker != x->h)
		return 1;
	if (x->options & MQGMO_UNMARKED_BROWSE_MSG) {
		if (has_handle(r, x->h))
			return 1;
		if ((x->h->options & MQOO_CO_OP) && coop_live(x->qm, r, x->now))
			return 1;
	}
	return 0;
}

void mqi_mark_match(struct mqi_mark_ctx *x, struct qm *qm, struct hobj *h, MQLONG options, int64_t now,
		    struct qmatch *mt)
{
	*x = (struct mqi_mark_ctx){ qm, h, options, now };
	mt->skip = skip;
	mt->skip_arg = x;
}

int mqi_mark_hidden(struct qm *qm, const struct hobj *h, const struct qmsg *m)
{
	struct mrec *r = rec_find(qm, m);
	return r && r->locker && r->locker != h;
}

/* ---- the verbs' side ---- */

MQLONG mqi_mark_check(const struct hobj *h, MQLONG o)
{
	if ((o & MQGMO_LOCK) && (!(o & GMO_BROWSE) || (o & (MQGMO_SYNCPOINT | MQGMO_UNLOCK))))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQGMO_UNLOCK) && (o & ~(MQLONG)(MQGMO_UNLOCK | MQGMO_NO_SYNCPOINT)))
		return MQRC_OPTIONS_ERROR;
	if ((o & GMO_MARKS) && !(o & GMO_BROWSE))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQGMO_MARK_BROWSE_HANDLE) && (o & MQGMO_UNMARK_BROWSE_HANDLE))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQGMO_MARK_BROWSE_CO_OP) && (o & MQGMO_UNMARK_BROWSE_CO_OP))
		return MQRC_OPTIONS_ERROR;
	if ((o & (MQGMO_MARK_BROWSE_CO_OP | MQGMO_UNMARK_BROWSE_CO_OP)) && !(h->options & MQOO_CO_OP))
		return MQRC_OPTIONS_ERROR;
	if ((o & MQGMO_UNMARKED_BROWSE_MSG) && !(o & (MQGMO_BROWSE_FIRST | MQGMO_BROWSE_NEXT)))
		return MQRC_OPTIONS_ERROR;
	return MQRC_NONE;
}

static void unlock(struct qm *qm, struct hobj *h)
{
	struct qmsg *m = h->locked;
	if (!m)
		return;
	h->locked = NULL;
	struct mrec *r = rec_find(qm, m);
	if (!r)
		return;
	struct qobj *base = r->base;
	r->locker = NULL;
	rec_tidy(qm, r);
	wake(qm, base);
}

MQLONG mqi_mark_unlock(struct qm *qm, struct hobj *h)
{
	if (!h->locked)
		return MQRC_NO_MSG_LOCKED;
	unlock(qm, h);
	return MQRC_NONE;
}

MQLONG mqi_mark_browse(struct qm *qm, struct hobj *h, struct qmsg *m, MQLONG o, int64_t now)
{
	struct mrec *r = rec_find(qm, m);
	if ((o & MQGMO_MARK_BROWSE_CO_OP) && r && coop_live(qm, r, now))
		return MQRC_MSG_MARKED_BROWSE_CO_OP;
	int need = (o & (MQGMO_LOCK | MQGMO_MARK_BROWSE_HANDLE | MQGMO_MARK_BROWSE_CO_OP)) != 0;
	if (need && !r) {
		if (!(r = rec_get(qm, h->base, m)))
			return MQRC_STORAGE_NOT_AVAILABLE;
	}
	if ((o & MQGMO_MARK_BROWSE_HANDLE) && !has_handle(r, h)) {
		if (r->nh == r->caph) {
			unsigned cap = r->caph ? 2 * r->caph : 2;
			struct hobj **v = realloc(r->h, cap * sizeof *v);
			if (!v) {
				rec_tidy(qm, r);
				return MQRC_STORAGE_NOT_AVAILABLE;
			}
			r->h = v;
			r->caph = cap;
		}
	}
	/* nothing can fail from here on */
	if ((o & (MQGMO_BROWSE_FIRST | MQGMO_BROWSE_NEXT)) && h->locked && h->locked != m)
		unlock(qm, h);   /* (r stays: m is not h's locked message) */
	if (o & MQGMO_LOCK) {
		if (h->locked && h->locked != m)
			unlock(qm, h);
		h->locked = m;
		r->locker = h;
	}
	if (!r)
		return MQRC_NONE;
	int woke = 0;
	if ((o & MQGMO_MARK_BROWSE_HANDLE) && !has_handle(r, h)) {
		r->h[r->nh++] = h;
		h->nmarks++;
	}
	if (o & MQGMO_UNMARK_BROWSE_HANDLE)
		drop_handle(r, h);
	struct marks *k = qm->marks;
	if (o & MQGMO_MARK_BROWSE_CO_OP) {
		coop_unlink(k, r);   /* an expired mark not swept yet */
		r->coop = 1;
		r->coop_ms = now;
		r->cprev = k->ctail;
		r->cnext = NULL;
		if (k->ctail)
			k->ctail->cnext = r;
		else
			k->chead = r;
		k->ctail = r;
	}
	if ((o & MQGMO_UNMARK_BROWSE_CO_OP) && r->coop) {
		coop_unlink(k, r);
		woke = 1;
	}
	struct qobj *base = r->base;
	rec_tidy(qm, r);
	if (woke)
		wake(qm, base);
	return MQRC_NONE;
}

void mqi_mark_got(struct qm *qm, struct qmsg *m)
{
	struct mrec *r = rec_find(qm, m);
	if (r)
		rec_free(qm, r, 1);
}

void mqi_mark_close(struct qm *qm, struct hobj *h)
{
	unlock(qm, h);
	struct marks *k = qm->marks;
	if (h->nmarks && k) {
		for (size_t i = 0; qm->marks && i < k->cap; i++)
			for (struct mrec *r = k->tab[i], *nx; r; r = nx) {
				nx = r->hnext;
				if (has_handle(r, h)) {
					drop_handle(r, h);
					rec_tidy(qm, r);   /* may free k when the last goes */
					if (!qm->marks)
						break;
				}
			}
		h->nmarks = 0;
	}
	if (!(h->options & MQOO_CO_OP) || !h->base || !qm->marks)
		return;
	/* the last handle of the cooperating set: its marks go */
	for (struct conn *c = qm->conns; c; c = c->next)
		for (size_t i = 0; i < c->nh; i++) {
			struct hobj *o = c->h[i];
			if (o && o != h && o->base == h->base && (o->options & MQOO_CO_OP))
				return;
		}
	k = qm->marks;
	for (struct mrec *r = k->chead, *nx; r; r = nx) {
		nx = r->cnext;
		if (r->base == h->base) {
			coop_unlink(k, r);
			rec_tidy(qm, r);
			if (!qm->marks)
				break;
		}
	}
}

int64_t mqi_mark_timer(struct qm *qm, int64_t now)
{
	int32_t iv = markint(qm);
	if (!qm->marks || iv < 0)
		return INT64_MAX;
	struct marks *k;
	while ((k = qm->marks) != NULL && k->chead) {
		struct mrec *r = k->chead;
		if (r->coop_ms + iv > now)
			return r->coop_ms + iv;
		struct qobj *base = r->base;
		coop_unlink(k, r);
		rec_tidy(qm, r);
		wake(qm, base);
	}
	return INT64_MAX;
}
