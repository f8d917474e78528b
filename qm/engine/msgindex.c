/*
 * msgindex.c: the MsgId and CorrelId hash indexes of a queue (msgindex.h).
 *
 * A chained hash table of entries, one per distinct id hash on the queue;
 * each entry holds the list of messages with that hash in queue order, linked
 * through the messages themselves.  The table doubles when it holds as many
 * ids as buckets (a failed resize keeps the old table: slower, still right),
 * a step at a time: the old table stays beside the new one and each later
 * add, remove or lookup moves a few of its buckets over (lookups search
 * both meanwhile), so that no call of a queue with millions of messages
 * pays for rehashing them all at once.
 * The hash is the message's own (m->hash, XXH64 through qstore_id_hash); a
 * message added with the queue's newest sequence
 * number goes to the end of its id's list at once, so adds, removes and
 * lookups are O(1) apart from messages sharing an id.
 */
#include "qm/engine/msgindex.h"
#include "qm/engine/slab.h"

#include <stdlib.h>
#include <string.h>

#include "log/qmerr.h"

struct qidx_key {
	struct qidx_key *hnext;
	uint64_t hash;
	struct qmsg *head, *tail;
};

#define INITIAL_BUCKETS 64

static struct slab key_slab = SLAB_INIT(sizeof(struct qidx_key));

static struct qmsg **lprev(struct qmsg *m, int which)
{
	return which == MSGINDEX_MSGID ? &m->mid_prev : &m->cid_prev;
}

static struct qmsg **lnext(struct qmsg *m, int which)
{
	return which == MSGINDEX_MSGID ? &m->mid_next : &m->cid_next;
}

static struct qidx_key **lkey(struct qmsg *m, int which)
{
	return which == MSGINDEX_MSGID ? &m->mid_key : &m->cid_key;
}

static uint64_t msg_hash(const struct qmsg *m, int which)
{
	return m->hash[which == MSGINDEX_MSGID ? 0 : 1];
}

#define MOVE_STEP 64   /* old buckets moved per call while growing */

static struct qidx_key **bucket_of(struct qidx_key **t, size_t n, uint64_t h)
{
	return &t[h & (n - 1)];
}

/* Move up to n buckets of the old table into the new one. */
static void move_some(struct qidx *ix, size_t n)
{
	while (ix->old && n--) {
		struct qidx_key *k = ix->old[ix->moved], *nx;
		for (; k; k = nx) {
			nx = k->hnext;
			struct qidx_key **b = bucket_of(ix->buckets, ix->nbuckets, k->hash);
			k->hnext = *b;
			*b = k;
		}
		ix->old[ix->moved] = NULL;
		if (++ix->moved == ix->nold) {
			free(ix->old);
			ix->old = NULL;
			ix->nold = ix->moved = 0;
		}
	}
}

static struct qidx_key *lookup(const struct qidx *ix, uint64_t h)
{
	if (!ix->nbuckets)
		return NULL;
	for (struct qidx_key *k = *bucket_of(ix->buckets, ix->nbuckets, h); k; k = k->hnext)
		if (k->hash == h)
			return k;
	if (ix->old)
		for (struct qidx_key *k = *bucket_of(ix->old, ix->nold, h); k; k = k->hnext)
			if (k->hash == h)
				return k;
	return NULL;
}

/* A new table of nb buckets; the current one is emptied into it step by
 * step (all at once when asked: a load that sizes the table first). */
static void grow_to(struct qidx *ix, size_t nb, int at_once)
{
	move_some(ix, SIZE_MAX);   /* a growth still going: finish it first */
	struct qidx_key **b = calloc(nb, sizeof *b);
	if (!b)
		return;
	ix->old = ix->buckets;
	ix->nold = ix->nbuckets;
	ix->moved = 0;
	ix->buckets = b;
	ix->nbuckets = nb;
	if (!ix->nold) {
		free(ix->old);
		ix->old = NULL;
	} else if (at_once) {
		move_some(ix, SIZE_MAX);
	}
}

static void grow(struct qidx *ix)
{
	grow_to(ix, ix->nbuckets ? ix->nbuckets * 2 : INITIAL_BUCKETS, 0);
}

void msgindex_reserve(struct qidx *ix, size_t n)
{
	size_t nb = ix->nbuckets ? ix->nbuckets : INITIAL_BUCKETS;
	while (nb < 2 * (ix->nkeys + n))
		nb *= 2;
	if (nb > ix->nbuckets)
		grow_to(ix, nb, 1);
}

int msgindex_add(struct queue *q, struct qidx *ix, struct qmsg *m, int which)
{
	uint64_t h = msg_hash(m, which);
	*lkey(m, which) = NULL;
	*lprev(m, which) = *lnext(m, which) = NULL;
	if (h == 0)
		return QM_OK;   /* MQMI_NONE, MQCI_NONE */
	move_some(ix, MOVE_STEP);
	struct qidx_key *k = lookup(ix, h);
	if (!k) {
		if (ix->nkeys >= ix->nbuckets)
			grow(ix);
		if (!ix->nbuckets)
			return QM_ENOMEM;
		k = slab_alloc(&key_slab);
		if (!k)
			return QM_ENOMEM;
		k->hash = h;
		struct qidx_key **b = bucket_of(ix->buckets, ix->nbuckets, h);
		k->hnext = *b;
		*b = k;
		ix->nkeys++;
	}
	/* queue order: walk back from the end past messages ordered after m */
	struct qmsg *at = k->tail;
	while (at && queue_msg_cmp(q, at, m) > 0)
		at = *lprev(at, which);
	*lprev(m, which) = at;
	*lnext(m, which) = at ? *lnext(at, which) : k->head;
	if (*lnext(m, which))
		*lprev(*lnext(m, which), which) = m;
	else
		k->tail = m;
	if (at)
		*lnext(at, which) = m;
	else
		k->head = m;
	*lkey(m, which) = k;
	return QM_OK;
}

static void key_delete(struct qidx *ix, struct qidx_key *k)
{
	struct qidx_key **pp = bucket_of(ix->buckets, ix->nbuckets, k->hash);
	while (*pp && *pp != k)
		pp = &(*pp)->hnext;
	if (!*pp) {   /* not moved yet: in the old table */
		pp = bucket_of(ix->old, ix->nold, k->hash);
		while (*pp != k)
			pp = &(*pp)->hnext;
	}
	*pp = k->hnext;
	ix->nkeys--;
	slab_free(&key_slab, k);
}

void msgindex_remove(struct qidx *ix, struct qmsg *m, int which)
{
	struct qidx_key *k = *lkey(m, which);
	if (!k)
		return;
	move_some(ix, MOVE_STEP);
	struct qmsg *p = *lprev(m, which), *n = *lnext(m, which);
	if (p)
		*lnext(p, which) = n;
	else
		k->head = n;
	if (n)
		*lprev(n, which) = p;
	else
		k->tail = p;
	*lprev(m, which) = *lnext(m, which) = NULL;
	*lkey(m, which) = NULL;
	if (!k->head)
		key_delete(ix, k);
}

struct qmsg *msgindex_first(const struct qidx *ix, uint64_t hash)
{
	struct qidx_key *k = hash ? lookup(ix, hash) : NULL;
	return k ? k->head : NULL;
}

struct qmsg *msgindex_next(const struct qmsg *m, int which)
{
	return which == MSGINDEX_MSGID ? m->mid_next : m->cid_next;
}

void msgindex_reorder(struct queue *q, struct qidx *ix, int which)
{
	(void)ix;
	/* Empty every list, then append the messages in the queue's new order. */
	for (struct qmsg *m = q->ord[Q_ALL].head; m; m = m->lk[Q_ALL].next) {
		struct qidx_key *k = *lkey(m, which);
		if (k)
			k->head = k->tail = NULL;
	}
	for (struct qmsg *m = q->ord[Q_ALL].head; m; m = m->lk[Q_ALL].next) {
		struct qidx_key *k = *lkey(m, which);
		if (!k)
			continue;
		*lnext(m, which) = NULL;
		*lprev(m, which) = k->tail;
		if (k->tail)
			*lnext(k->tail, which) = m;
		else
			k->head = m;
		k->tail = m;
	}
}

void msgindex_free(struct qidx *ix)
{
	move_some(ix, SIZE_MAX);
	for (size_t i = 0; i < ix->nbuckets; i++) {
		struct qidx_key *k = ix->buckets[i], *nx;
		for (; k; k = nx) {
			nx = k->hnext;
			slab_free(&key_slab, k);
		}
	}
	free(ix->buckets);
	memset(ix, 0, sizeof *ix);
}
