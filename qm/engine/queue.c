/*
 * queue.c: the in-memory queue engine (see queue.h for the contract).
 *
 * Structures, all intrusive (a message carries its own links):
 *
 *   all list      head..tail: every message in queue order.  In priority
 *                 order ptail[p] is the last message of priority p, so a new
 *                 message is linked after the last message of priority >= p
 *                 in O(10); a message with an older sequence number (a
 *                 reload) walks back from there.
 *   visible list  vhead..vtail: the visible messages only, in the same order,
 *                 so an unmatched MQGET is O(1) however many messages are
 *                 hidden under units of work.  vptail[] as ptail[].
 *   MsgId index,  hash maps (msgindex.c) from an id to the messages
 *   CorrelId idx  carrying it, each in queue order.
 *   unit of work  u->msgs: its messages in the order they joined it, through
 *                 their struct qmsg_uow (m->u, which exists only while the
 *                 message is in a unit of work: most messages of a deep
 *                 queue are in none).
 *   cursors       q->cursors: every browse cursor of the queue (dlist.h).
 *
 * A message that becomes visible again (commit of a put, backout of a get)
 * keeps its place in the all list; its place in the visible list is found by
 * walking back at the same time through the all list (to the nearest visible
 * message) and through the visible list (to the last message ordered before
 * it), stopping at whichever arrives first.  In the usual cases (a unit of
 * work committed in the order of its calls, new messages at the tail) one of
 * the two walks ends at once.
 *
 * A cursor's position is a (priority, sequence) key plus an anchor: a message
 * still on the queue at or before the position (NULL: the start).  When the
 * anchor is removed the cursor re-anchors on the message before it
 * (m->anchors counts the cursors to fix, so removal costs nothing when no
 * cursor is there).  Browse next starts after the anchor and skips messages
 * at or before the position, so messages added behind the position are not
 * seen, and messages removed anywhere do not disturb it.
 */
#include "qm/engine/queue.h"
#include "qm/engine/msgindex.h"
#include "qm/engine/slab.h"

#include <stdlib.h>
#include <string.h>

#include "log/qmerr.h"
#include "objects/qstore.h"

/* A message's unit of work, while it is in one (m->u). */
struct qmsg_uow {
	struct dnode unode;           /* in uow->msgs */
	struct qmsg *m;
	struct queue *q;              /* the queue m is on */
	struct uow *uow;              /* NULL: allocated ahead (qmsg_uow_room), in none yet */
	int put;                      /* 1: uow put m; 0: uow got it */
};

struct qcursor {
	struct queue *q;
	struct dnode node;            /* in q->cursors */
	int positioned;               /* 0: before the first message */
	unsigned char prio;           /* the position */
	uint64_t seq;
	struct qmsg *anchor;          /* on the queue, at or before the position; NULL: start */
};

/* ---- ordering ---- */

static int key_cmp(const struct queue *q, unsigned pa, uint64_t sa, unsigned pb, uint64_t sb)
{
	if (!q->fifo && pa != pb)
		return pa > pb ? -1 : 1;
	return sa < sb ? -1 : sa > sb ? 1 : 0;
}

static int msg_cmp(const struct queue *q, const struct qmsg *a, const struct qmsg *b)
{
	return key_cmp(q, a->prio, qmsg_seq(a), b->prio, qmsg_seq(b));
}

static int after_cursor(const struct qcursor *c, const struct qmsg *m)
{
	return key_cmp(c->q, m->prio, qmsg_seq(m), c->prio, c->seq) > 0;
}

static unsigned char clamp_prio(MQLONG p)
{
	return p < 0 ? 0 : p > 9 ? 9 : (unsigned char)p;
}

static int is_expired(const struct qmsg *m, int64_t now_ms)
{
	int64_t e = qmsg_expiry_ms(m);
	return e != 0 && e <= now_ms;
}

/* ---- messages ---- */

/* queue.h promises it (a deep queue holds millions). */
_Static_assert(sizeof(struct qmsg) <= 72, "struct qmsg grew");

/* Messages and their units-of-work records come from slabs (slab.h). */
static struct slab msg_slab = SLAB_INIT(sizeof(struct qmsg));
static struct slab uow_slab = SLAB_INIT(sizeof(struct qmsg_uow));

static struct qmsg *msg_alloc(void)
{
	return slab_alloc(&msg_slab);
}

static void msg_release(struct qmsg *m)
{
	slab_free(&msg_slab, m);
}

struct qmsg *qmsg_new(const MQMD *md, const void *data, size_t len)
{
	if (len > UINT32_MAX)
		return NULL;
	struct qmsg *m = msg_alloc();
	if (!m)
		return NULL;
	m->mem = malloc(sizeof *m->mem + len);
	if (!m->mem) {
		msg_release(m);
		return NULL;
	}
	struct qmsg_mem *mm = m->mem;
	memcpy(&mm->md, md, sizeof mm->md);
	mm->seq = 0;
	mm->put_lsn = 0;
	mm->expiry_ms = 0;
	mm->snode.prev = mm->snode.next = NULL;
	mm->owner = m;
	if (len)
		memcpy(mm->data, data, len);
	mm->len = (uint32_t)len;
	mm->hash[0] = qstore_id_hash(md->MsgId);
	mm->hash[1] = qstore_id_hash(md->CorrelId);
	mm->hash[2] = qstore_id_hash(md->GroupId);
	m->backout = md->BackoutCount < 0 ? 0 : md->BackoutCount;
	m->prio = clamp_prio(md->Priority);
	return m;
}

struct qmsg *qmsg_new_stored(const struct qs_entry *e)
{
	struct qmsg *m = msg_alloc();
	if (!m)
		return NULL;
	m->qe = e;
	m->backout = e->backout_count;
	m->prio = clamp_prio(e->priority);
	return m;
}

void qmsg_free(struct qmsg *m)
{
	if (!m)
		return;
	if (m->flags & QMSG_PINNED) {
		m->flags |= QMSG_FREED;   /* the batch in flight frees it (queue_pinned_*) */
		return;
	}
	free(m->mem);
	if (m->u)
		slab_free(&uow_slab, m->u);
	msg_release(m);
}

const void *qmsg_body(struct qmsg *m)
{
	return m->mem && m->mem->len ? m->mem->data : NULL;
}

void qmsg_set_expiry(struct qmsg *m, int64_t put_ms)
{
	if (!m->mem)
		return;
	MQLONG ex = m->mem->md.Expiry;
	if (ex == MQEI_UNLIMITED || ex <= 0)
		m->mem->expiry_ms = 0;
	else
		m->mem->expiry_ms = put_ms + (int64_t)ex * 100;
}

MQLONG qmsg_expiry_left(const struct qmsg *m, int64_t now_ms)
{
	int64_t e = qmsg_expiry_ms(m);
	if (e == 0)
		return MQEI_UNLIMITED;
	int64_t left = (e - now_ms + 99) / 100;
	if (left < 1)
		left = 1;
	if (left > 0x7fffffff)
		left = 0x7fffffff;
	return (MQLONG)left;
}

struct queue *qmsg_queue(const struct qmsg *m)
{
	return m->u && m->u->uow ? m->u->q : NULL;
}

uint64_t qmsg_put_uow(const struct qmsg *m)
{
	return m->u && m->u->uow && m->u->put ? m->u->uow->id : 0;
}

uint64_t qmsg_get_uow(const struct qmsg *m)
{
	return m->u && m->u->uow && !m->u->put ? m->u->uow->id : 0;
}

static int in_uow(const struct qmsg *m)
{
	return m->u && m->u->uow;
}

/* ---- the all list ---- */

/* The message after which m belongs (NULL: at the head). */
static struct qmsg *all_pred(struct queue *q, const struct qmsg *m)
{
	struct qmsg *at = NULL;
	if (q->fifo) {
		at = q->ord[Q_ALL].tail;
		while (at && qmsg_seq(at) > qmsg_seq(m))
			at = at->lk[Q_ALL].prev;
		return at;
	}
	for (unsigned p = m->prio; p <= 9 && !at; p++)
		at = q->ord[Q_ALL].ptail[p];
	while (at && at->prio == m->prio && qmsg_seq(at) > qmsg_seq(m))
		at = at->lk[Q_ALL].prev;
	return at;
}

/* One link and unlink for both orders (k: Q_ALL or Q_VIS): m goes after at
 * (NULL: at the head); in priority order ptail[p] stays the last of p. */
static void order_link(struct queue *q, int k, struct qmsg *m, struct qmsg *at)
{
	struct qorder *o = &q->ord[k];
	struct qlink *l = &m->lk[k];
	l->prev = at;
	l->next = at ? at->lk[k].next : o->head;
	if (l->next)
		l->next->lk[k].prev = m;
	else
		o->tail = m;
	if (at)
		at->lk[k].next = m;
	else
		o->head = m;
	if (!q->fifo && (!l->next || l->next->prio != m->prio))
		o->ptail[m->prio] = m;
}

static void order_unlink(struct queue *q, int k, struct qmsg *m)
{
	struct qorder *o = &q->ord[k];
	struct qlink *l = &m->lk[k];
	if (!q->fifo && o->ptail[m->prio] == m)
		o->ptail[m->prio] = l->prev && l->prev->prio == m->prio ? l->prev : NULL;
	if (l->prev)
		l->prev->lk[k].next = l->next;
	else
		o->head = l->next;
	if (l->next)
		l->next->lk[k].prev = l->prev;
	else
		o->tail = l->prev;
	l->prev = l->next = NULL;
}

static void all_link(struct queue *q, struct qmsg *m, struct qmsg *at)
{
	order_link(q, Q_ALL, m, at);
}

static void all_unlink(struct queue *q, struct qmsg *m)
{
	order_unlink(q, Q_ALL, m);
}

/* ---- the visible list ---- */

/* The last visible message of priority >= m's (priority order) or the last
 * visible message (FIFO): where the walk back through the visible list starts. */
static struct qmsg *vis_start(struct queue *q, const struct qmsg *m)
{
	if (q->fifo)
		return q->ord[Q_VIS].tail;
	struct qmsg *at = NULL;
	for (unsigned p = m->prio; p <= 9 && !at; p++)
		at = q->ord[Q_VIS].ptail[p];
	return at;
}

/* The visible message after which m belongs (NULL: at the head). */
static struct qmsg *vis_pred(struct queue *q, struct qmsg *m)
{
	struct qmsg *a = m->lk[Q_ALL].prev, *b = vis_start(q, m);
	for (;;) {
		if (!a || qmsg_visible(a))
			return a;
		a = a->lk[Q_ALL].prev;
		if (!b || msg_cmp(q, b, m) < 0)
			return b;
		b = b->lk[Q_VIS].prev;
	}
}

static void vis_link(struct queue *q, struct qmsg *m)
{
	order_link(q, Q_VIS, m, vis_pred(q, m));
	m->flags |= QMSG_VISIBLE;
}

static void vis_unlink(struct queue *q, struct qmsg *m)
{
	order_unlink(q, Q_VIS, m);
	m->flags &= (unsigned char)~QMSG_VISIBLE;
}

/* ---- units of work ---- */

void uow_init(struct uow *u, uint64_t id)
{
	memset(u, 0, sizeof *u);
	u->id = id;
}

int qmsg_uow_room(struct qmsg *m)
{
	if (m->u)
		return QM_OK;
	struct qmsg_uow *x = slab_alloc(&uow_slab);
	if (!x)
		return QM_ENOMEM;
	memset(x, 0, sizeof *x);
	x->m = m;
	m->u = x;
	return QM_OK;
}

/* m (on q, room made) joins u: put, or got. */
static void uow_link(struct queue *q, struct uow *u, struct qmsg *m, int put)
{
	struct qmsg_uow *x = m->u;
	x->q = q;
	x->uow = u;
	x->put = put;
	dlist_append(&u->msgs, &x->unode);
	u->nmsgs++;
}

/* m leaves its unit of work (none: nothing), and its record is freed. */
static void uow_unlink(struct qmsg *m)
{
	struct qmsg_uow *x = m->u;
	if (!x)
		return;
	if (x->uow) {
		dlist_remove(&x->uow->msgs, &x->unode);
		x->uow->nmsgs--;
	}
	slab_free(&uow_slab, x);
	m->u = NULL;
}

static struct qmsg *unode_msg(struct dnode *n)
{
	return n ? DLIST_ENTRY(n, struct qmsg_uow, unode)->m : NULL;
}

struct qmsg *uow_first(struct uow *u)
{
	return unode_msg(u->msgs.head);
}

struct qmsg *uow_next(struct qmsg *m)
{
	return m->u ? unode_msg(m->u->unode.next) : NULL;
}

/* ---- waking ---- */

static void wake(struct queue *q)
{
	if (!q->waiters.head || q->wake_pending)
		return;
	q->wake_pending = 1;
	if (q->hooks && q->hooks->wake)
		q->hooks->wake(q, q->hook_arg);
}

void queue_wake_clear(struct queue *q)
{
	q->wake_pending = 0;
}

void qmsg_set_tagged(struct qmsg *m, int on)
{
	if (on)
		m->flags |= QMSG_TAGGED;
	else
		m->flags &= (unsigned char)~QMSG_TAGGED;
}

void queue_waiter_add(struct queue *q, struct qwaiter *w, void *ctx)
{
	w->q = q;
	w->ctx = ctx;
	dlist_append(&q->waiters, &w->node);
}

void queue_waiter_remove(struct qwaiter *w)
{
	if (!w->q)
		return;
	dlist_remove(&w->q->waiters, &w->node);
	w->q = NULL;
}

static struct qwaiter *node_waiter(struct dnode *n)
{
	return n ? DLIST_ENTRY(n, struct qwaiter, node) : NULL;
}

struct qwaiter *queue_waiter_first(struct queue *q)
{
	return node_waiter(q->waiters.head);
}

struct qwaiter *queue_waiter_next(struct qwaiter *w)
{
	return node_waiter(w->node.next);
}

/* ---- the queue store's side ---- */

static void change(struct queue *q, uint64_t put_lsn, int kind, int32_t backout)
{
	if (q->discarding)
		return;   /* queue_discard: the store is closed or thrown away */
	if (q->nchg == q->capchg) {
		size_t nc = q->capchg ? 2 * q->capchg : 64;
		struct qchange *v = realloc(q->chg, nc * sizeof *v);
		if (!v) {
			q->chg_lost = 1;   /* the checkpoint fails the store for it */
			return;
		}
		q->chg = v;
		q->capchg = nc;
	}
	q->chg[q->nchg++] = (struct qchange){ .put_lsn = put_lsn, .backout = backout, .kind = kind };
}

/* m (committed, persistent, not stored) joins (+1) or leaves (-1) the bytes
 * the next checkpoint must write: its store record, header included (so a
 * message with no body counts too). */
static void unstored_count(struct queue *q, const struct qmsg *m, int sign)
{
	uint64_t d = (uint64_t)qmsg_len(m) + QS_REC_HDR;
	q->unstored_bytes = sign > 0 ? q->unstored_bytes + d : q->unstored_bytes - d;
	if (q->unstored_total)
		*q->unstored_total = sign > 0 ? *q->unstored_total + d : *q->unstored_total - d;
}

static int is_unstored(const struct qmsg *m)
{
	return m->mem && m->mem->put_lsn && !m->qe;
}

static struct qmsg *snode_msg(struct dnode *n)
{
	return n ? DLIST_ENTRY(n, struct qmsg_mem, snode)->owner : NULL;
}

struct qmsg *queue_unstored_first(struct queue *q)
{
	return snode_msg(q->unstored.head);
}

struct qmsg *queue_unstored_next(struct qmsg *m)
{
	return m->mem ? snode_msg(m->mem->snode.next) : NULL;
}

void queue_drop_mem(struct queue *q, struct qmsg *m)
{
	if (!m->mem || !m->qe)
		return;
	q->bytes -= m->mem->len;
	q->kept -= m->mem->len;
	free(m->mem);
	m->mem = NULL;
}

void queue_set_stored(struct queue *q, struct qmsg *m, const struct qs_entry *e, int keep)
{
	if (is_unstored(m)) {
		dlist_remove(&q->unstored, &m->mem->snode);
		if (!qmsg_put_uow(m))
			unstored_count(q, m, -1);
	}
	m->qe = e;
	if (m->mem)
		q->kept += m->mem->len;
	if (!keep)
		queue_drop_mem(q, m);
}

void queue_reserve(struct queue *q, size_t n)
{
	msgindex_reserve(&q->mid, n);   /* CorrelIds are mostly NONE: not reserved */
}

void queue_discard(struct queue *q)
{
	q->discarding = 1;
	struct qmsg *m;
	while ((m = q->ord[Q_ALL].head) != NULL) {
		queue_remove(q, m);
		qmsg_free(m);
	}
	q->discarding = 0;
	queue_changes_clear(q);
}

void queue_changes_done(struct queue *q, size_t n)
{
	if (n >= q->nchg) {
		queue_changes_clear(q);
		return;
	}
	memmove(q->chg, q->chg + n, (q->nchg - n) * sizeof *q->chg);
	q->nchg -= n;
}

void qmsg_pin(struct qmsg *m)
{
	m->flags |= QMSG_PINNED;
}

/* Unpin m; 1 when it was freed meanwhile (and is now). */
static int unpin(struct qmsg *m)
{
	m->flags &= (unsigned char)~QMSG_PINNED;
	if (!(m->flags & QMSG_FREED))
		return 0;
	m->flags = 0;
	qmsg_free(m);
	return 1;
}

void queue_pinned_stored(struct queue *q, struct qmsg *m, const struct qs_entry *e, int32_t backout, int keep)
{
	if (!qmsg_on_queue(m)) {
		change(q, e->put_lsn, QCHG_GONE, 0);   /* got meanwhile: the store has it */
		unpin(m);
		return;
	}
	unpin(m);
	queue_set_stored(q, m, e, keep);
	if (m->backout != backout)
		change(q, e->put_lsn, QCHG_BACKOUT, m->backout);
}

void queue_pinned_unstored(struct qmsg *m)
{
	unpin(m);
}

void queue_changes_clear(struct queue *q)
{
	q->nchg = 0;
	q->chg_lost = 0;
	if (q->capchg > 4096) {   /* a purge of a deep queue: give the memory back */
		free(q->chg);
		q->chg = NULL;
		q->capchg = 0;
	}
}

/* ---- queues ---- */

int queue_new(const char *name, int fifo, struct queue **out)
{
	struct queue *q = calloc(1, sizeof *q);
	if (!q)
		return QM_ENOMEM;
	if (name) {
		size_t n = strlen(name);
		if (n >= sizeof q->name)
			n = sizeof q->name - 1;
		memcpy(q->name, name, n);
	}
	q->fifo = fifo ? 1 : 0;
	q->next_seq = 1;
	q->mid.which = MSGINDEX_MSGID;
	q->cid.which = MSGINDEX_CORRELID;
	*out = q;
	return QM_OK;
}

void queue_set_hooks(struct queue *q, const struct queue_hooks *h, void *arg)
{
	q->hooks = h;
	q->hook_arg = arg;
}

int queue_free(struct queue *q)
{
	if (!q)
		return QM_OK;
	if (q->uncommitted_puts || q->uncommitted_gets || q->cursors.head || q->waiters.head)
		return QM_EINVAL;
	queue_discard(q);   /* keeps the caller's unstored total right */
	msgindex_free(&q->mid);
	msgindex_free(&q->cid);
	free(q->chg);
	free(q);
	return QM_OK;
}

int queue_add(struct queue *q, struct qmsg *m, struct uow *u)
{
	if (qmsg_on_queue(m) || in_uow(m) || (u && u->id == 0))
		return QM_EINVAL;
	if (u && qmsg_uow_room(m) != QM_OK)
		return QM_ENOMEM;
	if (m->mem) {
		if (m->mem->seq == 0)
			m->mem->seq = q->next_seq++;
		else if (m->mem->seq >= q->next_seq)
			q->next_seq = m->mem->seq + 1;
	} else if (m->qe->seq >= q->next_seq) {
		q->next_seq = m->qe->seq + 1;
	}
	m->flags &= QMSG_PINNED;
	m->anchors = 0;
	if (msgindex_add(q, &q->mid, m) != QM_OK)
		return QM_ENOMEM;
	if (msgindex_add(q, &q->cid, m) != QM_OK) {
		msgindex_remove(q, &q->mid, m);
		return QM_ENOMEM;
	}
	m->flags |= QMSG_ON_QUEUE;
	all_link(q, m, all_pred(q, m));
	q->depth++;
	if (m->mem)
		q->bytes += m->mem->len;
	if (is_unstored(m)) {
		dlist_append(&q->unstored, &m->mem->snode);
		if (!u)
			unstored_count(q, m, +1);
	}
	if (u) {
		uow_link(q, u, m, 1);
		q->uncommitted_puts++;
	} else {
		vis_link(q, m);
		wake(q);
	}
	return QM_OK;
}

/* Cursors anchored on m (about to leave the queue) move to the message before it. */
static void cursors_unanchor(struct queue *q, struct qmsg *m)
{
	for (struct dnode *n = q->cursors.head; n && m->anchors; n = n->next) {
		struct qcursor *c = DLIST_ENTRY(n, struct qcursor, node);
		if (c->anchor != m)
			continue;
		c->anchor = m->lk[Q_ALL].prev;
		if (m->lk[Q_ALL].prev)
			m->lk[Q_ALL].prev->anchors++;
		m->anchors--;
	}
	m->anchors = 0;
}

void queue_remove(struct queue *q, struct qmsg *m)
{
	if (m->flags & QMSG_TAGGED) {
		m->flags &= (unsigned char)~QMSG_TAGGED;
		if (q->hooks && q->hooks->untag)
			q->hooks->untag(q, m, q->hook_arg);
	}
	if (m->anchors)
		cursors_unanchor(q, m);
	if (qmsg_visible(m))
		vis_unlink(q, m);
	if (is_unstored(m) && !qmsg_put_uow(m))
		unstored_count(q, m, -1);
	if (in_uow(m)) {
		if (m->u->put)
			q->uncommitted_puts--;
		else
			q->uncommitted_gets--;
	}
	uow_unlink(m);
	msgindex_remove(q, &q->mid, m);
	msgindex_remove(q, &q->cid, m);
	all_unlink(q, m);
	q->depth--;
	if (m->mem) {
		q->bytes -= m->mem->len;
		if (!m->qe && m->mem->put_lsn)
			dlist_remove(&q->unstored, &m->mem->snode);
		else if (m->qe)
			q->kept -= m->mem->len;
	}
	if (m->qe) {
		change(q, m->qe->put_lsn, QCHG_GONE, 0);
		m->qe = NULL;   /* the entry lives until the checkpoint's commit, not for m */
	}
	m->flags &= QMSG_PINNED;
}

int queue_hide(struct queue *q, struct qmsg *m, struct uow *u)
{
	if (!qmsg_on_queue(m) || !qmsg_visible(m) || !u || u->id == 0)
		return QM_EINVAL;
	if (qmsg_uow_room(m) != QM_OK)
		return QM_ENOMEM;
	vis_unlink(q, m);
	uow_link(q, u, m, 0);
	q->uncommitted_gets++;
	return QM_OK;
}

int queue_purge(struct queue *q, uint64_t *count)
{
	uint64_t n = 0;
	if (q->uncommitted_puts || q->uncommitted_gets)
		return QM_EINVAL;
	while (q->ord[Q_ALL].head) {
		struct qmsg *m = q->ord[Q_ALL].head;
		queue_remove(q, m);
		qmsg_free(m);
		n++;
	}
	if (count)
		*count = n;
	return QM_OK;
}

struct qmsg *queue_first(struct queue *q)
{
	return q->ord[Q_ALL].head;
}

struct qmsg *queue_next(struct qmsg *m)
{
	return m->lk[Q_ALL].next;
}

/* ---- resolving units of work ---- */

void queue_commit_put(struct qmsg *m)
{
	struct queue *q = m->u->q;
	uow_unlink(m);
	q->uncommitted_puts--;
	if (is_unstored(m))
		unstored_count(q, m, +1);
	vis_link(q, m);
	wake(q);
}

void queue_backout_put(struct qmsg *m)
{
	queue_remove(m->u->q, m);
	qmsg_free(m);
}

void queue_commit_get(struct qmsg *m)
{
	queue_remove(m->u->q, m);
	qmsg_free(m);
}

void queue_backout_get(struct qmsg *m)
{
	struct queue *q = m->u->q;
	uow_unlink(m);
	q->uncommitted_gets--;
	m->backout++;
	if (m->mem)
		m->mem->md.BackoutCount = m->backout;
	if (m->qe)
		change(q, m->qe->put_lsn, QCHG_BACKOUT, m->backout);
	vis_link(q, m);
	wake(q);
}

void uow_commit(struct uow *u)
{
	struct qmsg *m;
	while ((m = uow_first(u)) != NULL) {
		if (m->u->put)
			queue_commit_put(m);
		else
			queue_commit_get(m);
	}
}

void uow_backout(struct uow *u)
{
	struct qmsg *m;
	while ((m = uow_first(u)) != NULL) {
		if (m->u->put)
			queue_backout_put(m);
		else
			queue_backout_get(m);
	}
}

/* ---- finding ---- */

static void expire_one(struct queue *q, struct qmsg *m)
{
	uint64_t put_lsn = qmsg_put_lsn(m);
	queue_remove(q, m);
	if (q->hooks && q->hooks->expired)
		q->hooks->expired(q, m, put_lsn, q->hook_arg);
	else
		qmsg_free(m);
}

static int all_zero(const MQBYTE *id)
{
	for (int i = 0; i < 24; i++)
		if (id[i])
			return 0;
	return 1;
}

/* The options that constrain anything: NONE values match everything. */
static MQLONG effective(const struct qmatch *mt)
{
	if (!mt)
		return 0;
	MQLONG o = mt->options & (MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID | MQMO_MATCH_GROUP_ID);
	if ((o & MQMO_MATCH_MSG_ID) && all_zero(mt->msg_id))
		o &= ~MQMO_MATCH_MSG_ID;
	if ((o & MQMO_MATCH_CORREL_ID) && all_zero(mt->correl_id))
		o &= ~MQMO_MATCH_CORREL_ID;
	if ((o & MQMO_MATCH_GROUP_ID) && all_zero(mt->group_id))
		o &= ~MQMO_MATCH_GROUP_ID;
	return o;
}

/* The hashes first; equal hashes are checked on the ids themselves (from
 * memory, or through hooks.ids for a stored message). */
static int matches(struct queue *q, const struct qmsg *m, MQLONG o, const struct qmatch *mt, const uint64_t h[3])
{
	static const MQLONG bit[3] = { MQMO_MATCH_MSG_ID, MQMO_MATCH_CORREL_ID, MQMO_MATCH_GROUP_ID };
	const MQBYTE *want[3] = { mt ? mt->msg_id : NULL, mt ? mt->correl_id : NULL, mt ? mt->group_id : NULL };
	int any = 0;
	for (int i = 0; i < 3; i++) {
		if (!(o & bit[i]))
			continue;
		if (qmsg_hash(m, i) != h[i])
			return 0;
		any = 1;
	}
	if (!any)
		return 1;
	MQBYTE24 ids[3];
	if (m->mem) {
		memcpy(ids[0], m->mem->md.MsgId, 24);
		memcpy(ids[1], m->mem->md.CorrelId, 24);
		memcpy(ids[2], m->mem->md.GroupId, 24);
	} else if (!q->hooks || !q->hooks->ids || q->hooks->ids(q, m, ids, q->hook_arg) != 0) {
		return 1;
	}
	for (int i = 0; i < 3; i++)
		if ((o & bit[i]) && memcmp(ids[i], want[i], 24) != 0)
			return 0;
	return 1;
}

/* A tagged message the caller passes over (see "Tags" in queue.h). */
static int skipped(const struct qmsg *m, const struct qmatch *mt)
{
	return (m->flags & QMSG_TAGGED) && mt && mt->skip && mt->skip(m, mt->skip_arg);
}

static int accepts(struct queue *q, struct qmsg *m, const struct qmatch *mt)
{
	return !mt || !mt->accept || mt->accept(q, m, mt->accept_arg);
}

/* The first visible, unexpired match after c's position (c NULL or before
 * the first message: from the start), expiring what it passes. */
static struct qmsg *find(struct queue *q, struct qcursor *c, const struct qmatch *mt, int64_t now_ms)
{
	MQLONG o = effective(mt);
	uint64_t h[3] = { 0, 0, 0 };
	if (o) {
		h[0] = qstore_id_hash(mt->msg_id);
		h[1] = qstore_id_hash(mt->correl_id);
		h[2] = qstore_id_hash(mt->group_id);
	}
	if (c && !c->positioned)
		c = NULL;
	if (o & (MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID)) {
		int which = (o & MQMO_MATCH_MSG_ID) ? MSGINDEX_MSGID : MSGINDEX_CORRELID;
		struct qidx *ix = which == MSGINDEX_MSGID ? &q->mid : &q->cid;
		struct qidx_it it;
		struct qmsg *m = msgindex_first(ix, h[which], &it);
		while (m) {
			if (!qmsg_visible(m) || (c && !after_cursor(c, m))) {
				m = msgindex_next(&it);
			} else if (is_expired(m, now_ms)) {
				expire_one(q, m);   /* the walk is over: again from the start */
				m = msgindex_first(ix, h[which], &it);
			} else if (matches(q, m, o, mt, h) && !skipped(m, mt) && accepts(q, m, mt)) {
				return m;
			} else {
				m = msgindex_next(&it);
			}
		}
		return NULL;
	}
	struct qmsg *m = q->ord[Q_VIS].head, *nx;
	if (c) {
		m = c->anchor ? c->anchor->lk[Q_ALL].next : q->ord[Q_ALL].head;
		while (m && (!after_cursor(c, m) || !qmsg_visible(m)))
			m = m->lk[Q_ALL].next;
	}
	for (; m; m = nx) {
		nx = m->lk[Q_VIS].next;
		if (is_expired(m, now_ms)) {
			expire_one(q, m);
			continue;
		}
		if (matches(q, m, o, mt, h) && !skipped(m, mt) && accepts(q, m, mt))
			return m;
	}
	return NULL;
}

struct qmsg *queue_find(struct queue *q, const struct qmatch *mt, int64_t now_ms)
{
	return find(q, NULL, mt, now_ms);
}

uint64_t queue_expire(struct queue *q, int64_t now_ms)
{
	uint64_t n = 0;
	struct qmsg *m = q->ord[Q_VIS].head, *nx;
	for (; m; m = nx) {
		nx = m->lk[Q_VIS].next;
		if (is_expired(m, now_ms)) {
			expire_one(q, m);
			n++;
		}
	}
	return n;
}

/* ---- cursors ---- */

struct qcursor *queue_cursor_new(struct queue *q)
{
	struct qcursor *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->q = q;
	dlist_append(&q->cursors, &c->node);
	return c;
}

static void cursor_drop_anchor(struct qcursor *c)
{
	if (c->anchor)
		c->anchor->anchors--;
	c->anchor = NULL;
}

void queue_cursor_free(struct qcursor *c)
{
	if (!c)
		return;
	cursor_drop_anchor(c);
	dlist_remove(&c->q->cursors, &c->node);
	free(c);
}

void queue_cursor_reset(struct qcursor *c)
{
	cursor_drop_anchor(c);
	c->positioned = 0;
}

void queue_cursor_set(struct qcursor *c, struct qmsg *m)
{
	cursor_drop_anchor(c);
	c->anchor = m;
	m->anchors++;
	c->prio = m->prio;
	c->seq = qmsg_seq(m);
	c->positioned = 1;
}

struct qmsg *queue_find_after(struct qcursor *c, const struct qmatch *mt, int64_t now_ms)
{
	return find(c->q, c, mt, now_ms);
}

struct qmsg *queue_cursor_msg(struct qcursor *c, int64_t now_ms)
{
	struct qmsg *m = c->anchor;
	if (!c->positioned || !m || qmsg_seq(m) != c->seq || !qmsg_visible(m))
		return NULL;
	if (is_expired(m, now_ms)) {
		expire_one(c->q, m);
		return NULL;
	}
	return m;
}

/* ---- changing the delivery sequence ---- */

static int sort_cmp(const void *a, const void *b, void *q)
{
	return msg_cmp(q, *(struct qmsg *const *)a, *(struct qmsg *const *)b);
}

int queue_set_fifo(struct queue *q, int fifo)
{
	fifo = fifo ? 1 : 0;
	if (q->fifo == fifo)
		return QM_OK;
	size_t n = (size_t)q->depth, i = 0;
	struct qmsg **v = NULL;
	if (n) {
		v = malloc(n * sizeof *v);
		if (!v)
			return QM_ENOMEM;
	}
	for (struct qmsg *m = q->ord[Q_ALL].head; m; m = m->lk[Q_ALL].next)
		v[i++] = m;
	q->fifo = fifo;
	if (n)
		qsort_r(v, n, sizeof *v, sort_cmp, q);
	memset(q->ord, 0, sizeof q->ord);
	for (i = 0; i < n; i++) {
		struct qmsg *m = v[i];
		order_link(q, Q_ALL, m, q->ord[Q_ALL].tail);
		if (qmsg_visible(m))
			order_link(q, Q_VIS, m, q->ord[Q_VIS].tail);
	}
	msgindex_reorder(q, &q->mid);
	msgindex_reorder(q, &q->cid);
	free(v);
	/* Re-anchor each cursor on the last message at or before its position. */
	for (struct dnode *n = q->cursors.head; n; n = n->next) {
		struct qcursor *c = DLIST_ENTRY(n, struct qcursor, node);
		if (!c->positioned)
			continue;
		cursor_drop_anchor(c);
		for (struct qmsg *m = q->ord[Q_ALL].head; m && !after_cursor(c, m); m = m->lk[Q_ALL].next)
			c->anchor = m;
		if (c->anchor)
			c->anchor->anchors++;
	}
	return QM_OK;
}

int queue_msg_cmp(const struct queue *q, const struct qmsg *a, const struct qmsg *b)
{
	return msg_cmp(q, a, b);
}
